package io.strata.optimizer.calcite;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLDataType;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLLimit;
import com.alibaba.druid.sql.ast.SQLOrderBy;
import com.alibaba.druid.sql.ast.SQLOrderingSpecification;
import com.alibaba.druid.sql.ast.expr.SQLAggregateExpr;
import com.alibaba.druid.sql.ast.expr.SQLAggregateOption;
import com.alibaba.druid.sql.ast.expr.SQLAllColumnExpr;
import com.alibaba.druid.sql.ast.expr.SQLBetweenExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOperator;
import com.alibaba.druid.sql.ast.expr.SQLBooleanExpr;
import com.alibaba.druid.sql.ast.expr.SQLCaseExpr;
import com.alibaba.druid.sql.ast.expr.SQLCastExpr;
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.SQLCurrentTimeExpr;
import com.alibaba.druid.sql.ast.SQLDataTypeRefExpr;
import com.alibaba.druid.sql.ast.expr.SQLDateExpr;
import com.alibaba.druid.sql.ast.expr.SQLDefaultExpr;
import com.alibaba.druid.sql.ast.expr.SQLExistsExpr;
import com.alibaba.druid.sql.ast.expr.SQLExtractExpr;
import com.alibaba.druid.sql.ast.expr.SQLHexExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLInListExpr;
import com.alibaba.druid.sql.ast.expr.SQLInSubQueryExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntervalExpr;
import com.alibaba.druid.sql.ast.expr.SQLListExpr;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.ast.expr.SQLNotExpr;
import com.alibaba.druid.sql.ast.expr.SQLNullExpr;
import com.alibaba.druid.sql.ast.expr.SQLNumberExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.expr.SQLQueryExpr;
import com.alibaba.druid.sql.ast.expr.SQLTimeExpr;
import com.alibaba.druid.sql.ast.expr.SQLTimestampExpr;
import com.alibaba.druid.sql.ast.expr.SQLUnaryExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLJoinTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelect;
import com.alibaba.druid.sql.ast.statement.SQLSelectGroupByClause;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectQuery;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.ast.statement.SQLSubqueryTableSource;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import com.alibaba.druid.sql.ast.statement.SQLUnionOperator;
import com.alibaba.druid.sql.ast.statement.SQLUnionQuery;
import com.alibaba.druid.sql.ast.statement.SQLUnionQueryTableSource;
import io.strata.optimizer.catalog.CatalogSnapshot;
import io.strata.optimizer.exec.StatementContext;
import io.strata.optimizer.func.ResultKind;
import io.strata.optimizer.plan.SelectItemText;
import io.strata.spi.ErrorCode;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlInternalOperators;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Translates a Druid MySQL AST into Calcite {@link SqlNode}s (the PolarDB-X approach), applying
 * MySQL semantics on the way: MySQL functions become {@link MysqlSqlFunction}s, arithmetic uses
 * MySQL's type rules, non-boolean operands in a boolean position (WHERE a, IF(x, …)) go through
 * MySQL truthiness, and {@code ?} parameters become typed dynamic parameters.
 *
 * <p>One translator serves one statement. It also records what the translated form assumed
 * about the session (types of parameters and variables), which a cached plan must re-check.
 */
final class DruidTranslator {
    private static final SqlParserPos POS = SqlParserPos.ZERO;

    /** What a plan assumed about one session value's type; checked before a cached plan is reused. */
    record Assumption(char kind, String name, boolean global, char tag, int scale) {
    }

    private final MysqlOperators ops;
    private final CatalogSnapshot catalog;
    private final String currentDb;
    private final StatementContext ctx;
    /** For compileScalars: the name of the input table; qualified column names compare on their last part. */
    private final String inputTable;
    private final List<Assumption> assumptions = new ArrayList<>();
    private final List<Character> paramTags = new ArrayList<>();
    /** Names of the common table expressions in scope (lower case), innermost last. */
    private final List<String> cteNames = new ArrayList<>();
    private int depth;
    /**
     * The clause being translated, carried in the line of each identifier's parser position so
     * name-resolution errors can say where the name was (MySQL's "in 'where clause'").
     */
    private int clause = CLAUSE_FIELD_LIST;

    static final int CLAUSE_FIELD_LIST = 1;
    static final int CLAUSE_WHERE = 2;
    static final int CLAUSE_GROUP = 3;
    static final int CLAUSE_HAVING = 4;
    static final int CLAUSE_ORDER = 5;
    static final int CLAUSE_ON = 6;

    static String clauseName(int line) {
        return switch (line) {
            case CLAUSE_WHERE -> "where clause";
            case CLAUSE_GROUP -> "group statement";
            case CLAUSE_HAVING -> "having clause";
            case CLAUSE_ORDER -> "order clause";
            case CLAUSE_ON -> "on clause";
            default -> "field list";
        };
    }

    private SqlParserPos pos() {
        return new SqlParserPos(clause, 1);
    }

    DruidTranslator(MysqlOperators ops, CatalogSnapshot catalog, String currentDb, StatementContext ctx, String inputTable) {
        this.ops = ops;
        this.catalog = catalog;
        this.currentDb = currentDb;
        this.ctx = ctx;
        this.inputTable = inputTable;
    }

    List<Assumption> assumptions() {
        return List.copyOf(assumptions);
    }

    /** The tag of each parameter as typed in this translation (index = parameter index). */
    String paramTags() {
        StringBuilder sb = new StringBuilder();
        for (Character c : paramTags) {
            sb.append(c == null ? ResultKind.STRING : c);
        }
        return sb.toString();
    }

    /** Labels of the top-level select items as MySQL shows them; null for * items. */
    static List<String> labels(SQLSelect select) {
        SQLSelectQuery q = select.getQuery();
        while (q instanceof SQLUnionQuery u) {
            q = u.getRelations().get(0);
        }
        List<String> out = new ArrayList<>();
        if (q instanceof SQLSelectQueryBlock b) {
            for (SQLSelectItem item : b.getSelectList()) {
                out.add(label(item));
            }
        }
        return out;
    }

    static String label(SQLSelectItem item) {
        if (item.getAlias() != null) {
            return SQLUtils.normalize(item.getAlias());
        }
        SQLExpr e = item.getExpr();
        if (e instanceof SQLAllColumnExpr || e instanceof SQLPropertyExpr p && "*".equals(p.getName())) {
            return null;
        }
        if (e instanceof SQLIdentifierExpr id) {
            return SQLUtils.normalize(id.getName());
        }
        if (e instanceof SQLPropertyExpr p && !(p.getOwner() instanceof SQLVariantRefExpr)) {
            return SQLUtils.normalize(p.getName());
        }
        if (e instanceof SQLCharExpr c) {
            return c.getText();
        }
        if (e instanceof SQLNullExpr) {
            return "NULL";
        }
        String typed = SelectItemText.get(item);
        return typed != null ? typed : e.toString().replaceAll("\\s+", " ").trim();
    }

    // ------------------------------------------------------------------ queries

    SqlNode select(SQLSelect select) {
        com.alibaba.druid.sql.ast.statement.SQLWithSubqueryClause with = select.getWithSubQuery();
        if (with == null) {
            return query(select.getQuery(), select.getOrderBy(), select.getLimit(), depth == 0);
        }
        if (Boolean.TRUE.equals(with.getRecursive())) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("WITH RECURSIVE");
        }
        // common table expressions: each may use the ones before it; names shadow catalog tables
        int scopeSize = cteNames.size();
        try {
            List<SqlNode> items = new ArrayList<>();
            for (var entry : with.getEntries()) {
                String name = SQLUtils.normalize(entry.getAlias());
                SqlNodeList cols = null;
                if (entry.getColumns() != null && !entry.getColumns().isEmpty()) {
                    List<SqlNode> c = new ArrayList<>();
                    for (Object col : entry.getColumns()) {
                        c.add(new SqlIdentifier(SQLUtils.normalize(col.toString()), POS));
                    }
                    cols = new SqlNodeList(c, POS);
                }
                SqlNode q = subquery(entry.getSubQuery());
                items.add(new org.apache.calcite.sql.SqlWithItem(POS, new SqlIdentifier(name, POS), cols, q));
                cteNames.add(name.toLowerCase(Locale.ROOT));
            }
            SqlNode body = query(select.getQuery(), select.getOrderBy(), select.getLimit(), depth == 0);
            return new org.apache.calcite.sql.SqlWith(POS, new SqlNodeList(items, POS), body);
        } finally {
            while (cteNames.size() > scopeSize) {
                cteNames.remove(cteNames.size() - 1);
            }
        }
    }

    private SqlNode query(SQLSelectQuery q, SQLOrderBy outerOrder, SQLLimit outerLimit, boolean top) {
        SqlNode body;
        SQLOrderBy order = outerOrder;
        SQLLimit limit = outerLimit;
        if (q instanceof SQLSelectQueryBlock block) {
            body = block(block, top);
            if (block.getOrderBy() != null) {
                if (order != null) {
                    body = wrapOrder(body, block.getOrderBy(), block.getLimit());
                } else {
                    order = block.getOrderBy();
                }
            }
            if (block.getLimit() != null && limit == null) {
                limit = block.getLimit();
            }
        } else if (q instanceof SQLUnionQuery u) {
            List<SQLSelectQuery> rels = u.getRelations();
            SqlNode acc = query(rels.get(0), null, null, top);
            SqlOperator op = switch (u.getOperator() == null ? SQLUnionOperator.UNION : u.getOperator()) {
                case UNION_ALL -> SqlStdOperatorTable.UNION_ALL;
                case UNION, DISTINCT -> SqlStdOperatorTable.UNION;
                case EXCEPT, MINUS -> SqlStdOperatorTable.EXCEPT;
                case INTERSECT -> SqlStdOperatorTable.INTERSECT;
                default -> throw ErrorCode.NOT_SUPPORTED_YET.error(String.valueOf(u.getOperator()));
            };
            for (int i = 1; i < rels.size(); i++) {
                acc = op.createCall(POS, acc, query(rels.get(i), null, null, false));
            }
            body = acc;
            if (u.getOrderBy() != null && order == null) {
                order = u.getOrderBy();
            }
            if (u.getLimit() != null && limit == null) {
                limit = u.getLimit();
            }
        } else {
            throw ErrorCode.NOT_SUPPORTED_YET.error(q.getClass().getSimpleName());
        }
        if (order == null && limit == null) {
            return body;
        }
        return wrapOrder(body, order, limit);
    }

    private SqlNode wrapOrder(SqlNode body, SQLOrderBy order, SQLLimit limit) {
        int saved = clause;
        clause = CLAUSE_ORDER;
        List<SqlNode> items = new ArrayList<>();
        if (order != null) {
            for (SQLSelectOrderByItem item : order.getItems()) {
                SqlNode e = expr(item.getExpr());
                if (item.getType() == SQLOrderingSpecification.DESC) {
                    e = SqlStdOperatorTable.DESC.createCall(POS, e);
                }
                items.add(e);
            }
        }
        SqlNode offset = null;
        SqlNode fetch = null;
        if (limit != null) {
            offset = limit.getOffset() == null ? null : limitValue(limit.getOffset());
            fetch = limit.getRowCount() == null ? null : limitValue(limit.getRowCount());
        }
        clause = saved;
        return new SqlOrderBy(POS, body, new SqlNodeList(items, POS), offset, fetch);
    }

    private SqlNode limitValue(SQLExpr e) {
        if (e instanceof SQLIntegerExpr i) {
            return SqlLiteral.createExactNumeric(i.getNumber().toString(), POS);
        }
        if (e instanceof SQLVariantRefExpr v && "?".equals(v.getName())) {
            // LIMIT ? is bound per execution; Calcite types it INTEGER (a Java int)
            paramTag(v.getIndex(), InternalValues.INT32);
            return new SqlDynamicParam(v.getIndex(), POS);
        }
        throw ErrorCode.PARSE_ERROR.error(e.toString(), 1);
    }

    private SqlNode block(SQLSelectQueryBlock b, boolean top) {
        int saved = clause;
        try {
            return blockIn(b);
        } finally {
            clause = saved;
        }
    }

    private SqlNode blockIn(SQLSelectQueryBlock b) {
        clause = CLAUSE_FIELD_LIST;
        List<SqlNode> items = new ArrayList<>();
        for (SQLSelectItem item : b.getSelectList()) {
            SQLExpr e = item.getExpr();
            if (e instanceof SQLAllColumnExpr all && all.getOwner() == null) {
                items.add(SqlIdentifier.star(POS));
                continue;
            }
            SQLExpr starOwner = e instanceof SQLAllColumnExpr all ? all.getOwner()
                    : e instanceof SQLPropertyExpr p && "*".equals(p.getName()) ? p.getOwner() : null;
            if (starOwner != null) {
                List<String> names = new ArrayList<>(qualifiedNames(starOwner));
                java.util.Set<String> known = new java.util.HashSet<>();
                collectAliases(b.getFrom(), known);
                if (!known.contains(names.get(names.size() - 1).toLowerCase(Locale.ROOT))) {
                    throw ErrorCode.BAD_TABLE.error(String.join(".", names));
                }
                names.add("");
                items.add(SqlIdentifier.star(names, POS, null));
                continue;
            }
            SqlNode n = expr(e);
            String alias = label(item);
            items.add(SqlStdOperatorTable.AS.createCall(POS, n, new SqlIdentifier(alias, POS)));
        }
        SqlNode from = b.getFrom() == null || isDual(b.getFrom()) ? null : tableSource(b.getFrom());
        if (inputTable != null && from == null && depth == 0) {
            from = new SqlIdentifier(inputTable, POS);
        }
        clause = CLAUSE_WHERE;
        SqlNode where = b.getWhere() == null ? null : condition(b.getWhere());
        SqlNodeList groupBy = null;
        SqlNode having = null;
        SQLSelectGroupByClause g = b.getGroupBy();
        if (g != null) {
            clause = CLAUSE_GROUP;
            if (!g.getItems().isEmpty()) {
                List<SqlNode> keys = new ArrayList<>();
                for (SQLExpr k : g.getItems()) {
                    keys.add(expr(k));
                }
                groupBy = new SqlNodeList(keys, POS);
            }
            clause = CLAUSE_HAVING;
            if (g.getHaving() != null) {
                having = condition(g.getHaving());
            }
        }
        SqlNodeList keywords = b.getDistionOption() == com.alibaba.druid.sql.ast.SQLSetQuantifier.DISTINCT
                || b.getDistionOption() == com.alibaba.druid.sql.ast.SQLSetQuantifier.DISTINCTROW
                ? SqlNodeList.of(SqlSelectKeyword.DISTINCT.symbol(POS)) : SqlNodeList.EMPTY;
        return new SqlSelect(POS, keywords, new SqlNodeList(items, POS), from, where, groupBy, having,
                SqlNodeList.EMPTY, null, null, null, SqlNodeList.EMPTY);
    }

    /** Names a column may be qualified with in a FROM clause: aliases, else table names (lower case). */
    private static void collectAliases(SQLTableSource ts, java.util.Set<String> out) {
        if (ts == null) {
            return;
        }
        if (ts instanceof SQLJoinTableSource j) {
            collectAliases(j.getLeft(), out);
            collectAliases(j.getRight(), out);
            return;
        }
        if (ts.getAlias() != null) {
            out.add(SQLUtils.normalize(ts.getAlias()).toLowerCase(Locale.ROOT));
        } else if (ts instanceof SQLExprTableSource t && t.getTableName() != null) {
            out.add(SQLUtils.normalize(t.getTableName()).toLowerCase(Locale.ROOT));
        }
    }

    /** FROM DUAL: MySQL's placeholder for "no table". */
    private static boolean isDual(SQLTableSource ts) {
        return ts instanceof SQLExprTableSource t && t.getExpr() instanceof SQLIdentifierExpr id
                && id.getName().equalsIgnoreCase("dual") && ts.getAlias() == null;
    }

    private List<String> qualifiedNames(SQLExpr e) {
        if (e instanceof SQLIdentifierExpr id) {
            return List.of(SQLUtils.normalize(id.getName()));
        }
        if (e instanceof SQLPropertyExpr p) {
            List<String> out = new ArrayList<>(qualifiedNames(p.getOwner()));
            out.add(SQLUtils.normalize(p.getName()));
            return out;
        }
        throw ErrorCode.PARSE_ERROR.error(e.toString(), 1);
    }

    private SqlNode tableSource(SQLTableSource ts) {
        String alias = ts.getAlias() == null ? null : SQLUtils.normalize(ts.getAlias());
        if (ts instanceof SQLExprTableSource t) {
            List<String> names = qualifiedNames(t.getExpr());
            if (names.size() == 1 && cteNames.contains(names.get(0).toLowerCase(Locale.ROOT))) {
                return SqlStdOperatorTable.AS.createCall(POS, new SqlIdentifier(names.get(0), POS),
                        new SqlIdentifier(alias != null ? alias : names.get(0), POS));
            }
            String db;
            String table;
            if (names.size() == 1) {
                if (currentDb == null) {
                    throw ErrorCode.NO_DB_ERROR.error();
                }
                db = currentDb;
                table = names.get(0);
            } else {
                db = names.get(names.size() - 2);
                table = names.get(names.size() - 1);
            }
            if (catalog.table(db, table).isEmpty()) {
                throw ErrorCode.NO_SUCH_TABLE.error(db, table);
            }
            // the real names from the catalog: Calcite matches case-insensitively anyway
            var def = catalog.table(db, table).orElseThrow();
            SqlNode id = new SqlIdentifier(List.of(def.database(), def.name()), POS);
            return SqlStdOperatorTable.AS.createCall(POS, id, new SqlIdentifier(alias != null ? alias : table, POS));
        }
        if (ts instanceof SQLJoinTableSource j) {
            SqlNode left = tableSource(j.getLeft());
            SqlNode right = tableSource(j.getRight());
            SQLJoinTableSource.JoinType jt = j.getJoinType();
            boolean natural = j.isNatural() || jt.name().startsWith("NATURAL");
            JoinType type;
            switch (jt) {
                case LEFT_OUTER_JOIN, NATURAL_LEFT_JOIN -> type = JoinType.LEFT;
                case RIGHT_OUTER_JOIN, NATURAL_RIGHT_JOIN -> type = JoinType.RIGHT;
                case FULL_OUTER_JOIN -> type = JoinType.FULL;
                case COMMA -> type = JoinType.COMMA;
                default -> type = JoinType.INNER;
            }
            SqlNode condition = null;
            JoinConditionType ct = JoinConditionType.NONE;
            if (j.getCondition() != null) {
                int saved = clause;
                clause = CLAUSE_ON;
                condition = condition(j.getCondition());
                clause = saved;
                ct = JoinConditionType.ON;
                if (type == JoinType.COMMA) {
                    type = JoinType.INNER;
                }
            } else if (j.getUsing() != null && !j.getUsing().isEmpty()) {
                List<SqlNode> cols = new ArrayList<>();
                for (SQLExpr u : j.getUsing()) {
                    cols.add(new SqlIdentifier(SQLUtils.normalize(u.toString()), POS));
                }
                condition = new SqlNodeList(cols, POS);
                ct = JoinConditionType.USING;
                if (type == JoinType.COMMA) {
                    type = JoinType.INNER;
                }
            } else if (!natural && type == JoinType.INNER) {
                // MySQL's JOIN / CROSS JOIN without a condition is a cross product
                type = JoinType.CROSS;
            }
            return new SqlJoin(POS, left, SqlLiteral.createBoolean(natural, POS), type.symbol(POS), right,
                    ct.symbol(POS), condition);
        }
        if (ts instanceof SQLSubqueryTableSource s) {
            SqlNode q = subquery(s.getSelect());
            return derived(q, alias, s.getColumns());
        }
        if (ts instanceof SQLUnionQueryTableSource u) {
            depth++;
            try {
                return derived(query(u.getUnion(), null, null, false), alias, List.of());
            } finally {
                depth--;
            }
        }
        throw ErrorCode.NOT_SUPPORTED_YET.error("table source " + ts.getClass().getSimpleName());
    }

    private SqlNode derived(SqlNode q, String alias, List<?> columns) {
        if (alias == null) {
            throw ErrorCode.DERIVED_MUST_HAVE_ALIAS.error();
        }
        List<SqlNode> operands = new ArrayList<>();
        operands.add(q);
        operands.add(new SqlIdentifier(alias, POS));
        for (Object c : columns) {
            operands.add(new SqlIdentifier(SQLUtils.normalize(c.toString()), POS));
        }
        return SqlStdOperatorTable.AS.createCall(POS, operands);
    }

    private SqlNode subquery(SQLSelect select) {
        depth++;
        try {
            return select(select);
        } finally {
            depth--;
        }
    }

    // ------------------------------------------------------------------ expressions

    /** An expression in a boolean position: MySQL truthiness unless it is already a predicate. */
    SqlNode condition(SQLExpr e) {
        SqlNode n = expr(e);
        return isPredicate(e) ? n : call("truth", n);
    }

    private static boolean isPredicate(SQLExpr e) {
        if (e instanceof SQLBinaryOpExpr b) {
            return switch (b.getOperator()) {
                case Equality, NotEqual, LessThanOrGreater, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual,
                     LessThanOrEqualOrGreaterThan, BooleanAnd, BooleanOr, BooleanXor, Like, NotLike, Escape, RLike, NotRLike,
                     RegExp, NotRegExp, Is, IsNot -> true;
                default -> false;
            };
        }
        return e instanceof SQLNotExpr || e instanceof SQLInListExpr || e instanceof SQLInSubQueryExpr
                || e instanceof SQLExistsExpr || e instanceof SQLBetweenExpr
                || e instanceof SQLUnaryExpr u && u.getOperator() == com.alibaba.druid.sql.ast.expr.SQLUnaryOperator.Not;
    }

    private SqlNode call(String fn, SqlNode... operands) {
        MysqlSqlFunction f = ops.get(fn);
        if (f == null) {
            throw new IllegalStateException("no operator " + fn);
        }
        return f.createCall(POS, operands);
    }

    private SqlNode call(String fn, List<SqlNode> operands) {
        return call(fn, operands.toArray(new SqlNode[0]));
    }

    private static SqlNode str(String s) {
        return SqlLiteral.createCharString(s, "UTF8", POS);
    }

    private static SqlNode num(long v) {
        return SqlLiteral.createExactNumeric(Long.toString(v), POS);
    }

    SqlNode expr(SQLExpr e) {
        // Druid keeps "name COLLATE x" and "'text' COLLATE x" as an attribute of the operand
        String collate = e instanceof SQLIdentifierExpr id ? id.getCollate()
                : e instanceof SQLCharExpr c ? c.getCollate() : null;
        SqlNode node = exprWithoutCollate(e);
        return collate == null ? node : collate(node, collate);
    }

    private SqlNode collate(SqlNode node, String name) {
        String n = name.replace("`", "").replace("'", "");
        io.strata.spi.collation.Collation c = io.strata.spi.collation.Collations.require(n);
        return call("collate", node, str(c.name()));
    }

    private SqlNode exprWithoutCollate(SQLExpr e) {
        if (e instanceof SQLIntegerExpr i) {
            Number n = i.getNumber();
            return SqlLiteral.createExactNumeric(n instanceof BigInteger || n instanceof BigDecimal ? n.toString() : Long.toString(n.longValue()), POS);
        }
        if (e instanceof SQLNumberExpr n) {
            String text = n.toString();
            if (text.contains("e") || text.contains("E")) {
                return SqlLiteral.createApproxNumeric(new BigDecimal(text).toString(), POS);
            }
            return SqlLiteral.createExactNumeric(n.getNumber().toString(), POS);
        }
        if (e instanceof SQLCharExpr c) {
            return str(c.getText());
        }
        if (e instanceof com.alibaba.druid.sql.ast.expr.SQLTextLiteralExpr t) {
            return str(t.getText());
        }
        if (e instanceof SQLNullExpr) {
            return SqlLiteral.createNull(POS);
        }
        if (e instanceof SQLBooleanExpr b) {
            return num(b.getBooleanValue() ? 1 : 0);
        }
        if (e instanceof SQLHexExpr h) {
            return str(new String(h.getValue(), StandardCharsets.UTF_8));
        }
        if (e instanceof SQLBinaryExpr b) {
            return SqlLiteral.createExactNumeric(new BigInteger(b.getText(), 2).toString(), POS);
        }
        if (e instanceof SQLDateExpr d) {
            return call("cast_date", str(d.getValue().toString()));
        }
        if (e instanceof SQLTimestampExpr t) {
            String text = t.getValue().toString();
            return call("cast_datetime", str(text), num(literalFsp(text)));
        }
        if (e instanceof SQLTimeExpr t) {
            String text = t.getValue().toString();
            return call("cast_time", str(text), num(literalFsp(text)));
        }
        if (e instanceof SQLIdentifierExpr id) {
            String name = SQLUtils.normalize(id.getName());
            String lower = name.toLowerCase(Locale.ROOT);
            // niladic functions written without parentheses
            switch (lower) {
                case "current_timestamp", "localtime", "localtimestamp" -> {
                    return call("now");
                }
                case "current_date" -> {
                    return call("curdate");
                }
                case "current_time" -> {
                    return call("curtime");
                }
                case "current_user" -> {
                    return call("user");
                }
                default -> {
                }
            }
            return new SqlIdentifier(name, pos());
        }
        if (e instanceof SQLCurrentTimeExpr t) {
            return switch (t.getType()) {
                case CURRENT_DATE, CURDATE -> call("curdate");
                case SYSDATE -> call("sysdate");
                case CURRENT_TIME, CURTIME -> call("curtime");
                default -> call("now");
            };
        }
        if (e instanceof SQLPropertyExpr p) {
            if (p.getOwner() instanceof SQLVariantRefExpr v) {
                String scope = v.getName().toLowerCase(Locale.ROOT);
                return sysvar(SQLUtils.normalize(p.getName()), scope.equals("@@global"));
            }
            List<String> names = qualifiedNames(p);
            if (inputTable != null && depth == 0) {
                return new SqlIdentifier(names.get(names.size() - 1), pos());
            }
            return new SqlIdentifier(names, pos());
        }
        if (e instanceof SQLVariantRefExpr v) {
            return variable(v);
        }
        if (e instanceof SQLBinaryOpExpr b) {
            return binary(b);
        }
        if (e instanceof SQLUnaryExpr u) {
            return switch (u.getOperator()) {
                case Negative -> {
                    SqlNode x = expr(u.getExpr());
                    yield x instanceof org.apache.calcite.sql.SqlNumericLiteral lit ? SqlLiteral.createNegative(lit, POS) : call("neg", x);
                }
                case Plus -> expr(u.getExpr());
                case Not, NOT -> SqlStdOperatorTable.NOT.createCall(POS, condition(u.getExpr()));
                // BINARY x: a binary string; comparisons are binary in Strata anyway
                case BINARY -> call("cast_binary", expr(u.getExpr()));
                case Compl -> call("bit_not", expr(u.getExpr()));
                default -> throw ErrorCode.NOT_SUPPORTED_YET.error("operator " + u.getOperator());
            };
        }
        if (e instanceof SQLNotExpr n) {
            return SqlStdOperatorTable.NOT.createCall(POS, condition(n.getExpr()));
        }
        if (e instanceof SQLInListExpr in) {
            List<SqlNode> items = new ArrayList<>();
            for (SQLExpr x : in.getTargetList()) {
                items.add(expr(x));
            }
            return (in.isNot() ? SqlStdOperatorTable.NOT_IN : SqlStdOperatorTable.IN)
                    .createCall(POS, expr(in.getExpr()), new SqlNodeList(items, POS));
        }
        if (e instanceof SQLInSubQueryExpr in) {
            return (in.isNot() ? SqlStdOperatorTable.NOT_IN : SqlStdOperatorTable.IN)
                    .createCall(POS, expr(in.getExpr()), subquery(in.getSubQuery()));
        }
        if (e instanceof SQLExistsExpr ex) {
            SqlNode exists = SqlStdOperatorTable.EXISTS.createCall(POS, subquery(ex.getSubQuery()));
            return ex.isNot() ? SqlStdOperatorTable.NOT.createCall(POS, exists) : exists;
        }
        if (e instanceof SQLQueryExpr q) {
            // a scalar sub-query must produce one column (MySQL 1241)
            List<String> cols = labels(q.getSubQuery());
            if (cols.size() != 1 || cols.get(0) == null) {
                throw ErrorCode.OPERAND_COLUMNS.error(1);
            }
            return subquery(q.getSubQuery());
        }
        if (e instanceof SQLBetweenExpr b) {
            // x BETWEEN a AND b is x >= a AND x <= b, each comparison with MySQL's coercion
            SqlNode lo = SqlStdOperatorTable.GREATER_THAN_OR_EQUAL.createCall(POS, expr(b.getTestExpr()), expr(b.getBeginExpr()));
            SqlNode hi = SqlStdOperatorTable.LESS_THAN_OR_EQUAL.createCall(POS, expr(b.getTestExpr()), expr(b.getEndExpr()));
            SqlNode both = SqlStdOperatorTable.AND.createCall(POS, lo, hi);
            return b.isNot() ? SqlStdOperatorTable.NOT.createCall(POS, both) : both;
        }
        if (e instanceof SQLCaseExpr c) {
            List<SqlNode> whens = new ArrayList<>();
            List<SqlNode> thens = new ArrayList<>();
            for (SQLCaseExpr.Item item : c.getItems()) {
                // CASE x WHEN a … is CASE WHEN x = a …
                whens.add(c.getValueExpr() == null ? condition(item.getConditionExpr())
                        : SqlStdOperatorTable.EQUALS.createCall(POS, expr(c.getValueExpr()), expr(item.getConditionExpr())));
                thens.add(expr(item.getValueExpr()));
            }
            SqlNode otherwise = c.getElseExpr() == null ? SqlLiteral.createNull(POS) : expr(c.getElseExpr());
            return new SqlCase(POS, null, new SqlNodeList(whens, POS), new SqlNodeList(thens, POS), otherwise);
        }
        if (e instanceof SQLCastExpr c) {
            return cast(expr(c.getExpr()), c.getDataType());
        }
        if (e instanceof SQLExtractExpr x) {
            return call("extract", str(x.getUnit().name()), expr(x.getValue()));
        }
        if (e instanceof SQLAggregateExpr a) {
            return aggregate(a);
        }
        if (e instanceof SQLMethodInvokeExpr m) {
            return function(m);
        }
        if (e instanceof SQLListExpr l && l.getItems().size() == 1) {
            return expr(l.getItems().get(0));
        }
        if (e instanceof SQLDefaultExpr) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("DEFAULT in an expression");
        }
        if (e instanceof SQLIntervalExpr) {
            throw ErrorCode.PARSE_ERROR.error(e.toString(), 1);
        }
        throw ErrorCode.NOT_SUPPORTED_YET.error("expression " + e.getClass().getSimpleName() + " (" + e + ")");
    }

    private SqlNode variable(SQLVariantRefExpr v) {
        String name = v.getName();
        if ("?".equals(name)) {
            return param(v.getIndex());
        }
        if (name.startsWith("@@")) {
            String n = name.substring(2);
            boolean global = v.isGlobal();
            String lower = n.toLowerCase(Locale.ROOT);
            if (lower.startsWith("global.")) {
                global = true;
                n = n.substring(7);
            } else if (lower.startsWith("session.")) {
                n = n.substring(8);
            } else if (lower.startsWith("local.")) {
                n = n.substring(6);
            }
            return sysvar(SQLUtils.normalize(n), global);
        }
        if (v.isGlobal()) {
            // Druid strips "@@global." and marks the reference global
            return sysvar(SQLUtils.normalize(name), true);
        }
        if (name.startsWith("@")) {
            String n = SQLUtils.normalize(name.substring(1));
            Object value = ctx.userVariable(n);
            char tag = value == null ? ResultKind.STRING : InternalValues.tagOfValue(value);
            int scale = InternalValues.scaleOfValue(value);
            assumptions.add(new Assumption('u', n, false, tag, scale));
            return call("uservar", str(n), str(String.valueOf(tag)), num(scale));
        }
        throw ErrorCode.PARSE_ERROR.error(name, 1);
    }

    private SqlNode sysvar(String name, boolean global) {
        Object value = ctx.systemVariable(name, global);
        char tag = value == null ? ResultKind.STRING : InternalValues.tagOfValue(value);
        int scale = InternalValues.scaleOfValue(value);
        assumptions.add(new Assumption('s', name, global, tag, scale));
        return call("sysvar", str(name), num(global ? 1 : 0), str(String.valueOf(tag)), num(scale));
    }

    private SqlNode param(int index) {
        Object[] params = ctx.parameters();
        Object value = params != null && index >= 0 && index < params.length ? params[index] : null;
        char tag = value == null ? ResultKind.STRING : InternalValues.tagOfValue(value);
        if (tag == ResultKind.BINARY) {
            // clients send strings as byte arrays too (binary protocol); MySQL compares them as strings
            tag = ResultKind.STRING;
        }
        int scale = InternalValues.scaleOfValue(value);
        if (tag == ResultKind.TIME) {
            // a TIME parameter travels as its text: Calcite has no type for Strata's TIME (see TimeType)
            paramTag(index, ResultKind.STRING);
            SqlNode text = SqlStdOperatorTable.CAST.createCall(POS, new SqlDynamicParam(index, POS),
                    new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, POS), POS));
            return call("cast_time", text, num(scale));
        }
        paramTag(index, tag);
        SqlTypeName t = switch (tag) {
            case ResultKind.INTEGER -> SqlTypeName.BIGINT;
            case ResultKind.DECIMAL, ResultKind.UNSIGNED -> SqlTypeName.DECIMAL;
            case ResultKind.DOUBLE -> SqlTypeName.DOUBLE;
            case ResultKind.BINARY -> SqlTypeName.VARBINARY;
            case ResultKind.DATE -> SqlTypeName.DATE;
            case ResultKind.DATETIME -> SqlTypeName.TIMESTAMP;
            default -> SqlTypeName.VARCHAR;
        };
        SqlBasicTypeNameSpec spec = switch (t) {
            case DECIMAL -> new SqlBasicTypeNameSpec(t, MysqlTypeSystem.MAX_PRECISION, scale, POS);
            case TIMESTAMP -> new SqlBasicTypeNameSpec(t, scale, POS);
            default -> new SqlBasicTypeNameSpec(t, POS);
        };
        return SqlStdOperatorTable.CAST.createCall(POS, new SqlDynamicParam(index, POS), new SqlDataTypeSpec(spec, POS));
    }

    private void paramTag(int index, char tag) {
        while (paramTags.size() <= index) {
            paramTags.add(null);
        }
        paramTags.set(index, tag);
    }

    private SqlNode binary(SQLBinaryOpExpr b) {
        SQLBinaryOperator op = b.getOperator();
        switch (op) {
            case Add:
                if (b.getRight() instanceof SQLIntervalExpr iv) {
                    return interval("date_add", expr(b.getLeft()), iv);
                }
                if (b.getLeft() instanceof SQLIntervalExpr iv) {
                    return interval("date_add", expr(b.getRight()), iv);
                }
                return call("plus", expr(b.getLeft()), expr(b.getRight()));
            case Subtract:
                if (b.getRight() instanceof SQLIntervalExpr iv) {
                    return interval("date_sub", expr(b.getLeft()), iv);
                }
                return call("minus", expr(b.getLeft()), expr(b.getRight()));
            case Multiply:
                return call("times", expr(b.getLeft()), expr(b.getRight()));
            case Divide:
                return call("divide", expr(b.getLeft()), expr(b.getRight()));
            case DIV:
                return call("div", expr(b.getLeft()), expr(b.getRight()));
            case Modulus:
            case Mod:
                return call("mod", expr(b.getLeft()), expr(b.getRight()));
            case COLLATE: {
                // x COLLATE name: an explicit collation for comparisons (CollationRewriter)
                String name = b.getRight() instanceof com.alibaba.druid.sql.ast.SQLName n ? n.getSimpleName() : String.valueOf(b.getRight());
                return collate(expr(b.getLeft()), name);
            }
            case Equality:
                return SqlStdOperatorTable.EQUALS.createCall(POS, expr(b.getLeft()), expr(b.getRight()));
            case NotEqual:
            case LessThanOrGreater:
                return SqlStdOperatorTable.NOT_EQUALS.createCall(POS, expr(b.getLeft()), expr(b.getRight()));
            case GreaterThan:
                return SqlStdOperatorTable.GREATER_THAN.createCall(POS, expr(b.getLeft()), expr(b.getRight()));
            case GreaterThanOrEqual:
                return SqlStdOperatorTable.GREATER_THAN_OR_EQUAL.createCall(POS, expr(b.getLeft()), expr(b.getRight()));
            case LessThan:
                return SqlStdOperatorTable.LESS_THAN.createCall(POS, expr(b.getLeft()), expr(b.getRight()));
            case LessThanOrEqual:
                return SqlStdOperatorTable.LESS_THAN_OR_EQUAL.createCall(POS, expr(b.getLeft()), expr(b.getRight()));
            case LessThanOrEqualOrGreaterThan:
                return call("nullsafe_eq", expr(b.getLeft()), expr(b.getRight()));
            case BitwiseAnd:
                return call("bit_and", expr(b.getLeft()), expr(b.getRight()));
            case BitwiseOr:
                return call("bit_or", expr(b.getLeft()), expr(b.getRight()));
            case BitwiseXor:
                return call("bit_xor", expr(b.getLeft()), expr(b.getRight()));
            case LeftShift:
                return call("shift_left", expr(b.getLeft()), expr(b.getRight()));
            case RightShift:
                return call("shift_right", expr(b.getLeft()), expr(b.getRight()));
            case BooleanAnd:
                return SqlStdOperatorTable.AND.createCall(POS, condition(b.getLeft()), condition(b.getRight()));
            case BooleanOr:
                return SqlStdOperatorTable.OR.createCall(POS, condition(b.getLeft()), condition(b.getRight()));
            case BooleanXor:
                return call("xor", expr(b.getLeft()), expr(b.getRight()));
            case Like:
                return call("like", expr(b.getLeft()), expr(b.getRight()));
            case NotLike:
                return SqlStdOperatorTable.NOT.createCall(POS, call("like", expr(b.getLeft()), expr(b.getRight())));
            case Escape: {
                SQLBinaryOpExpr like = (SQLBinaryOpExpr) b.getLeft();
                SqlNode m = call("like", expr(like.getLeft()), expr(like.getRight()), expr(b.getRight()));
                return like.getOperator() == SQLBinaryOperator.NotLike ? SqlStdOperatorTable.NOT.createCall(POS, m) : m;
            }
            case RLike:
            case RegExp:
                return call("regexp", expr(b.getLeft()), expr(b.getRight()));
            case NotRLike:
            case NotRegExp:
                return SqlStdOperatorTable.NOT.createCall(POS, call("regexp", expr(b.getLeft()), expr(b.getRight())));
            case Is:
            case IsNot: {
                boolean not = op == SQLBinaryOperator.IsNot;
                SQLExpr r = b.getRight();
                if (r instanceof SQLNullExpr || r instanceof SQLIdentifierExpr id && id.getName().equalsIgnoreCase("unknown")) {
                    return (not ? SqlStdOperatorTable.IS_NOT_NULL : SqlStdOperatorTable.IS_NULL).createCall(POS, expr(b.getLeft()));
                }
                if (r instanceof SQLBooleanExpr bool) {
                    SqlNode t = condition(b.getLeft());
                    SqlOperator o = bool.getBooleanValue()
                            ? (not ? SqlStdOperatorTable.IS_NOT_TRUE : SqlStdOperatorTable.IS_TRUE)
                            : (not ? SqlStdOperatorTable.IS_NOT_FALSE : SqlStdOperatorTable.IS_FALSE);
                    return o.createCall(POS, t);
                }
                throw ErrorCode.PARSE_ERROR.error(b.toString(), 1);
            }
            default:
                throw ErrorCode.NOT_SUPPORTED_YET.error("operator " + op.name);
        }
    }

    private SqlNode interval(String fn, SqlNode base, SQLIntervalExpr iv) {
        return call(fn, base, expr(iv.getValue()), str(iv.getUnit().name()));
    }

    /** The fsp of CAST(… AS DATETIME(fsp)) / TIME(fsp): 0 to 6, else 1426. */
    private static int castFsp(List<SQLExpr> args) {
        if (args.isEmpty()) {
            return 0;
        }
        int fsp = ((SQLIntegerExpr) args.get(0)).getNumber().intValue();
        if (fsp < 0 || fsp > 6) {
            throw ErrorCode.TOO_BIG_PRECISION.error(fsp, "CAST", 6);
        }
        return fsp;
    }

    /** Fractional digits written in a temporal literal ({@code TIMESTAMP '… 10:00:00.250'} has 3). */
    private static int literalFsp(String text) {
        int dot = text.lastIndexOf('.');
        if (dot < 0 || text.indexOf(':') < 0 || dot < text.lastIndexOf(':')) {
            return 0;
        }
        int n = 0;
        while (dot + 1 + n < text.length() && Character.isDigit(text.charAt(dot + 1 + n))) {
            n++;
        }
        return Math.min(6, n);
    }

    private SqlNode cast(SqlNode x, SQLDataType type) {
        String name = type.getName().toLowerCase(Locale.ROOT).trim();
        List<SQLExpr> args = type.getArguments();
        switch (name) {
            case "signed", "signed integer", "int", "integer", "bigint":
                return call("cast_signed", x);
            case "unsigned", "unsigned integer":
                return call("cast_unsigned", x);
            case "char", "varchar", "nchar", "character", "json", "text":
                return args.isEmpty() ? call("cast_char", x) : call("cast_char", x, expr(args.get(0)));
            case "binary", "varbinary":
                return call("cast_binary", x);
            case "decimal", "dec", "numeric", "fixed": {
                int p = args.size() > 0 ? ((SQLIntegerExpr) args.get(0)).getNumber().intValue() : 10;
                int s = args.size() > 1 ? ((SQLIntegerExpr) args.get(1)).getNumber().intValue() : 0;
                if (p > MysqlTypeSystem.MAX_PRECISION) {
                    throw ErrorCode.TOO_BIG_PRECISION.error(p, "CAST", MysqlTypeSystem.MAX_PRECISION);
                }
                return call("cast_decimal", x, num(p), num(s));
            }
            case "date":
                return call("cast_date", x);
            case "datetime", "timestamp":
                return call("cast_datetime", x, num(castFsp(args)));
            case "time":
                return call("cast_time", x, num(castFsp(args)));
            case "double", "float", "real", "double precision":
                return call("cast_double", x);
            default:
                throw ErrorCode.NOT_SUPPORTED_YET.error("CAST AS " + name);
        }
    }

    private SqlNode aggregate(SQLAggregateExpr a) {
        String name = a.getMethodName().toLowerCase(Locale.ROOT);
        boolean distinct = a.getOption() == SQLAggregateOption.DISTINCT;
        List<SQLExpr> args = a.getArguments();
        if (a.getOver() != null) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("window functions");
        }
        List<SqlNode> operands = new ArrayList<>();
        if (name.equals("count") && args.size() == 1 && args.get(0) instanceof SQLAllColumnExpr) {
            return SqlStdOperatorTable.COUNT.createCall(POS, SqlIdentifier.star(POS));
        }
        for (SQLExpr x : args) {
            operands.add(expr(x));
        }
        SqlLiteral quantifier = distinct ? SqlSelectKeyword.DISTINCT.symbol(POS) : null;
        switch (name) {
            case "count":
                return SqlStdOperatorTable.COUNT.createCall(quantifier, POS, operands.toArray(new SqlNode[0]));
            case "sum":
                return SqlStdOperatorTable.SUM.createCall(quantifier, POS, call("sum_arg", operands.get(0)));
            case "min":
                return SqlStdOperatorTable.MIN.createCall(quantifier, POS, operands.get(0));
            case "max":
                return SqlStdOperatorTable.MAX.createCall(quantifier, POS, operands.get(0));
            case "avg": {
                // MySQL's AVG of exact values is DECIMAL with 4 more digits of scale: SUM/COUNT by MySQL division
                SqlNode sum = SqlStdOperatorTable.SUM.createCall(quantifier, POS, call("sum_arg", operands.get(0)));
                SqlNode count = SqlStdOperatorTable.COUNT.createCall(quantifier, POS, operands.get(0));
                return call("avg_div", sum, count);
            }
            case "group_concat": {
                List<SqlNode> parts = new ArrayList<>();
                for (SqlNode o : operands) {
                    parts.add(call("cast_char", o));
                }
                SqlNode value = parts.size() == 1 ? parts.get(0) : call("concat", parts);
                // Calcite's form (as its MySQL parser builds it): GROUP_CONCAT(value, ORDER BY list, SEPARATOR(s))
                List<SqlNode> gcOperands = new ArrayList<>();
                gcOperands.add(value);
                SQLOrderBy ob = a.getOrderBy() != null ? a.getOrderBy() : a.getWithinGroup();
                if (ob != null && !ob.getItems().isEmpty()) {
                    List<SqlNode> keys = new ArrayList<>();
                    for (SQLSelectOrderByItem item : ob.getItems()) {
                        SqlNode k = expr(item.getExpr());
                        keys.add(item.getType() == SQLOrderingSpecification.DESC ? SqlStdOperatorTable.DESC.createCall(POS, k) : k);
                    }
                    gcOperands.add(new SqlNodeList(keys, POS));
                }
                Object sep = a.getAttribute("SEPARATOR");
                String separator = sep instanceof SQLCharExpr c ? c.getText() : ",";
                if (distinct) {
                    // Calcite's distinct-aggregate expansion loses the ORDER BY of a GROUP_CONCAT: concatenate
                    // all values in order with a NUL separator, then drop repeats keeping first occurrences
                    gcOperands.add(SqlInternalOperators.SEPARATOR.createCall(POS, str("\u0000")));
                    SqlNode all = SqlLibraryOperators.GROUP_CONCAT.createCall(null, POS, gcOperands.toArray(new SqlNode[0]));
                    return call("gc_distinct", all, str(separator));
                }
                gcOperands.add(SqlInternalOperators.SEPARATOR.createCall(POS, str(separator)));
                return SqlLibraryOperators.GROUP_CONCAT.createCall(null, POS, gcOperands.toArray(new SqlNode[0]));
            }
            default:
                return function(a);
        }
    }

    private SqlNode function(SQLMethodInvokeExpr m) {
        String name = m.getMethodName().toLowerCase(Locale.ROOT);
        List<SQLExpr> args = m.getArguments();
        if (m.getOwner() != null) {
            throw ErrorCode.SP_DOES_NOT_EXIST.error(m.getOwner() + "." + m.getMethodName());
        }
        switch (name) {
            case "if":
                arity(name, args, 3, 3);
                return new SqlCase(POS, null, SqlNodeList.of(condition(args.get(0))), SqlNodeList.of(expr(args.get(1))),
                        expr(args.get(2)));
            case "ifnull":
                arity(name, args, 2, 2);
                return SqlStdOperatorTable.COALESCE.createCall(POS, expr(args.get(0)), expr(args.get(1)));
            case "coalesce":
                arity(name, args, 1, 256);
                return SqlStdOperatorTable.COALESCE.createCall(POS, exprs(args));
            case "nullif":
                arity(name, args, 2, 2);
                return SqlStdOperatorTable.NULLIF.createCall(POS, expr(args.get(0)), expr(args.get(1)));
            case "isnull":
                arity(name, args, 1, 1);
                return SqlStdOperatorTable.IS_NULL.createCall(POS, expr(args.get(0)));
            case "convert":
                if (m.getUsing() != null) {
                    return expr(args.get(0));
                }
                arity(name, args, 2, 2);
                if (args.get(1) instanceof SQLDataTypeRefExpr t) {
                    return cast(expr(args.get(0)), t.getDataType());
                }
                throw ErrorCode.PARSE_ERROR.error(m.toString(), 1);
            case "trim", "ltrim", "rtrim": {
                if (m.getFrom() != null) {
                    SqlNode s = expr(m.getFrom());
                    SqlNode rem = args.isEmpty() ? str(" ") : expr(args.get(0));
                    String opt = m.getTrimOption() == null ? "both" : m.getTrimOption().toLowerCase(Locale.ROOT);
                    String fn = switch (opt) {
                        case "leading" -> "ltrim";
                        case "trailing" -> "rtrim";
                        default -> "trim";
                    };
                    return call(fn, s, rem);
                }
                String opt = m.getTrimOption() == null ? null : m.getTrimOption().toLowerCase(Locale.ROOT);
                if (opt != null && !args.isEmpty()) {
                    String fn = opt.equals("leading") ? "ltrim" : opt.equals("trailing") ? "rtrim" : "trim";
                    return call(fn, expr(args.get(0)));
                }
                arity(name, args, 1, 1);
                return call(name, expr(args.get(0)));
            }
            case "substring", "substr", "mid": {
                List<SqlNode> ops = new ArrayList<>(exprs(args));
                if (m.getFrom() != null) {
                    ops.add(expr(m.getFrom()));
                }
                if (m.getFor() != null) {
                    if (m.getFrom() == null) {
                        ops.add(num(1));
                    }
                    ops.add(expr(m.getFor()));
                }
                if (ops.size() < 2 || ops.size() > 3) {
                    throw ErrorCode.WRONG_PARAMCOUNT_TO_NATIVE_FCT.error(name);
                }
                return call("substring", ops);
            }
            case "position":
                return call("locate", exprs(args));
            case "timestampdiff", "timestampadd": {
                // TIMESTAMPDIFF(unit, a, b): the unit is a keyword, not an expression
                arity(name, args, 3, 3);
                SQLExpr u = args.get(0);
                String unit = u instanceof SQLIdentifierExpr id ? id.getName() : u instanceof SQLCharExpr c ? c.getText() : u.toString();
                return call(name, str(unit.toUpperCase(Locale.ROOT)), expr(args.get(1)), expr(args.get(2)));
            }
            case "date_add", "adddate", "date_sub", "subdate": {
                arity(name, args, 2, 2);
                String fn = name.equals("date_add") || name.equals("adddate") ? "date_add" : "date_sub";
                if (args.get(1) instanceof SQLIntervalExpr iv) {
                    return interval(fn, expr(args.get(0)), iv);
                }
                return call(fn, expr(args.get(0)), expr(args.get(1)), str("DAY"));
            }
            case "extract":
                throw ErrorCode.PARSE_ERROR.error(m.toString(), 1);
            case "count", "sum", "min", "max", "avg", "group_concat":
                throw ErrorCode.INVALID_GROUP_FUNC_USE.error();
            default:
                break;
        }
        MysqlSqlFunction f = ops.get(name);
        if (f == null) {
            throw ErrorCode.SP_DOES_NOT_EXIST.error((currentDb == null ? "" : currentDb + ".") + m.getMethodName());
        }
        List<SqlNode> operands = exprs(args);
        var range = f.getOperandCountRange();
        if (operands.size() < range.getMin() || operands.size() > range.getMax()) {
            throw ErrorCode.WRONG_PARAMCOUNT_TO_NATIVE_FCT.error(m.getMethodName());
        }
        return f.createCall(POS, operands.toArray(new SqlNode[0]));
    }

    private List<SqlNode> exprs(List<SQLExpr> args) {
        List<SqlNode> out = new ArrayList<>();
        for (SQLExpr a : args) {
            out.add(expr(a));
        }
        return out;
    }

    private static void arity(String name, List<SQLExpr> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw ErrorCode.WRONG_PARAMCOUNT_TO_NATIVE_FCT.error(name);
        }
    }

}
