package io.strata.optimizer.calcite;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLObject;
import com.alibaba.druid.sql.ast.expr.SQLBetweenExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOperator;
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLInListExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.expr.SQLNumberExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLJoinTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelect;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.ast.statement.SQLSubqueryTableSource;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSelectQueryBlock;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlASTVisitorAdapter;
import io.strata.optimizer.catalog.CatalogSnapshot;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TypeKind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the literals of a text-protocol statement that only feed a comparison with a column into
 * parameters, so that statements differing in those values share one cached plan (clients that
 * prepare on the client side, as Connector/J does by default, send every execution as new text;
 * without this each one compiled a plan of its own with Janino).
 *
 * <p>Only literals whose value cannot change the plan's shape or the result's metadata are
 * replaced: an integer, decimal or plain string literal that is an operand of a comparison
 * ({@code = <> < <= > >= <=>}), a BETWEEN bound or an IN-list item whose other operand is a
 * column reference, in a WHERE, a JOIN's ON or a HAVING (of any query block, subqueries
 * included); and, in scalar programs, the literal operand of a {@code +} or {@code -} next to a
 * column. The select list, GROUP BY, ORDER BY and LIMIT keep their literals (labels, positions and
 * row counts depend on them). A literal becomes a parameter of the same value and type a
 * prepared statement would bind, so the plan treats it the way it treats {@code ?}: key lookups
 * read it at run time (see {@link KeySource}).
 *
 * <p>Statements that already carry parameters are left alone: their text and parameter types
 * already identify their plan, and mixing the two numberings could make different statements
 * render to the same text.
 */
final class LiteralParameterizer {
    /** A parameterized copy of the statement and the values of all its parameters. */
    record Result<T>(T node, Object[] parameters) {
    }

    private final List<Object> values = new ArrayList<>();
    private final ColumnKinds kinds;

    private LiteralParameterizer(ColumnKinds kinds) {
        this.kinds = kinds;
    }

    /** A copy of {@code select} with its comparison literals as parameters, or null if there is none or it has parameters. */
    static Result<SQLSelect> select(SQLSelect select, Object[] parameters, ColumnKinds kinds) {
        if (parameters != null && parameters.length > 0) {
            return null;
        }
        SQLSelect copy = select.clone();
        LiteralParameterizer p = new LiteralParameterizer(kinds);
        copy.accept(p.blocks);
        return p.values.isEmpty() ? null : new Result<>(copy, p.values.toArray());
    }

    /** Copies of scalar expressions with their arithmetic and comparison literals as parameters, or null. */
    static Result<List<SQLExpr>> scalars(List<SQLExpr> expressions, Object[] parameters, ColumnKinds kinds) {
        if (parameters != null && parameters.length > 0) {
            return null;
        }
        LiteralParameterizer p = new LiteralParameterizer(kinds);
        List<SQLExpr> out = new ArrayList<>(expressions.size());
        for (SQLExpr e : expressions) {
            if (!arithmeticOnColumn(e)) {
                out.add(e);
                continue;
            }
            SQLExpr copy = e.clone();
            copy.accept(p.arithmetic);
            out.add(copy);
        }
        return p.values.isEmpty() ? null : new Result<>(out, p.values.toArray());
    }

    /** Only top-level {@code col + literal} shapes (UPDATE … SET c = c + 5) are worth a look. */
    private static boolean arithmeticOnColumn(SQLExpr e) {
        return e instanceof SQLBinaryOpExpr b && isArithmetic(b.getOperator());
    }

    // ------------------------------------------------------------------ visitors

    /** Hands each query block it meets to {@link #block} (which rewrites its conditions only) and does not descend further. */
    private class BlockVisitor extends MySqlASTVisitorAdapter {
        @Override
        public boolean visit(MySqlSelectQueryBlock x) {
            block(x);
            return false;
        }

        @Override
        public boolean visit(SQLSelectQueryBlock x) {
            block(x);
            return false;
        }
    }

    /** Finds the query blocks and rewrites their conditions only. */
    private final MySqlASTVisitorAdapter blocks = new BlockVisitor();

    /** Rewrites comparisons in a condition; a subquery inside it is a query block of its own. */
    private final MySqlASTVisitorAdapter conditions = new BlockVisitor() {
        @Override
        public boolean visit(SQLBinaryOpExpr x) {
            if (isComparison(x.getOperator())) {
                Kind left = kindOf(x.getLeft());
                Kind right = left == null ? kindOf(x.getRight()) : null;
                if (left != null) {
                    replace(x.getRight(), left, x::setRight);
                } else if (right != null) {
                    replace(x.getLeft(), right, x::setLeft);
                }
            }
            return true;
        }

        @Override
        public boolean visit(SQLBetweenExpr x) {
            Kind k = kindOf(x.getTestExpr());
            if (k != null) {
                replace(x.getBeginExpr(), k, x::setBeginExpr);
                replace(x.getEndExpr(), k, x::setEndExpr);
            }
            return true;
        }

        @Override
        public boolean visit(SQLInListExpr x) {
            Kind k = kindOf(x.getExpr());
            if (k != null) {
                List<SQLExpr> items = x.getTargetList();
                for (int i = 0; i < items.size(); i++) {
                    SQLExpr p = parameter(items.get(i), k);
                    if (p != null) {
                        p.setParent(x);
                        items.set(i, p);
                    }
                }
            }
            return true;
        }
    };

    /** Rewrites {@code col + literal} and {@code col - literal} (either order for +). */
    private final MySqlASTVisitorAdapter arithmetic = new MySqlASTVisitorAdapter() {
        @Override
        public boolean visit(SQLBinaryOpExpr x) {
            if (isArithmetic(x.getOperator())) {
                Kind left = kindOf(x.getLeft());
                if (left == Kind.INTEGER || left == Kind.DECIMAL) {
                    SQLExpr p = parameter(x.getRight(), left);
                    if (p != null) {
                        x.setRight(p);
                    }
                } else if (x.getOperator() == SQLBinaryOperator.Add
                        && (kindOf(x.getRight()) == Kind.INTEGER || kindOf(x.getRight()) == Kind.DECIMAL)) {
                    SQLExpr p = parameter(x.getLeft(), kindOf(x.getRight()));
                    if (p != null) {
                        x.setLeft(p);
                    }
                }
            }
            return false;
        }
    };

    private void block(SQLSelectQueryBlock b) {
        if (b.getFrom() != null) {
            from(b.getFrom());
        }
        if (b.getWhere() != null) {
            b.getWhere().accept(conditions);
        }
        if (b.getGroupBy() != null && b.getGroupBy().getHaving() != null) {
            b.getGroupBy().getHaving().accept(conditions);
        }
    }

    private void from(SQLTableSource ts) {
        if (ts instanceof SQLJoinTableSource j) {
            from(j.getLeft());
            from(j.getRight());
            if (j.getCondition() != null) {
                j.getCondition().accept(conditions);
            }
        } else if (ts instanceof SQLSubqueryTableSource s && s.getSelect() != null) {
            s.getSelect().accept(blocks);
        } else if (ts instanceof com.alibaba.druid.sql.ast.statement.SQLUnionQueryTableSource u && u.getUnion() != null) {
            u.getUnion().accept(blocks);
        }
    }

    private static boolean isComparison(SQLBinaryOperator op) {
        return switch (op) {
            case Equality, NotEqual, LessThanOrGreater, LessThan, LessThanOrEqual, GreaterThan, GreaterThanOrEqual,
                 LessThanOrEqualOrGreaterThan -> true;
            default -> false;
        };
    }

    private static boolean isArithmetic(SQLBinaryOperator op) {
        return op == SQLBinaryOperator.Add || op == SQLBinaryOperator.Subtract;
    }

    /** The kind of a column reference, or null for anything else (or a column of another kind). */
    private Kind kindOf(SQLExpr e) {
        boolean column = (e instanceof SQLIdentifierExpr id && !isNiladicFunction(id))
                || (e instanceof SQLPropertyExpr p && p.getOwner() instanceof SQLIdentifierExpr && !"*".equals(p.getName()));
        return column ? kinds.of(e) : null;
    }

    /** CURRENT_DATE and friends parse as identifiers; they are no columns (and nothing is lost by skipping them). */
    private static boolean isNiladicFunction(SQLIdentifierExpr id) {
        String n = id.getName().toLowerCase(java.util.Locale.ROOT);
        return n.startsWith("current_") || n.startsWith("local") || n.startsWith("utc_") || n.startsWith("@");
    }

    /** Hands {@code set} the parameter that replaces {@code operand}, when it is a literal of kind {@code k}. */
    private void replace(SQLExpr operand, Kind k, java.util.function.Consumer<SQLExpr> set) {
        SQLExpr p = parameter(operand, k);
        if (p != null) {
            set.accept(p);
        }
    }

    /** The parameter replacing a literal, or null when the literal stays. */
    private SQLExpr parameter(SQLExpr e, Kind column) {
        Object value = valueOf(e);
        boolean fits = switch (column) {
            case STRING -> value instanceof String;
            case INTEGER -> value instanceof Long;
            case DECIMAL -> value instanceof Long || value instanceof BigDecimal;
        };
        if (!fits) {
            return null;
        }
        SQLVariantRefExpr v = new SQLVariantRefExpr("?");
        v.setIndex(values.size());
        v.setParent(e.getParent());
        values.add(value);
        return v;
    }

    /**
     * The value a prepared statement would bind for the literal (Long, BigDecimal or String), or
     * null for literals kept as they are (NULL, approximate numbers, introducers, COLLATE, hex…).
     */
    private static Object valueOf(SQLExpr e) {
        if (e == null) {
            return null;
        }
        if (e instanceof SQLIntegerExpr i) {
            Number n = i.getNumber();
            if (n instanceof BigInteger bi) {
                return bi.bitLength() <= 63 ? (Object) bi.longValue() : null;
            }
            if (n instanceof BigDecimal) {
                return null;
            }
            return n.longValue();
        }
        if (e instanceof SQLNumberExpr n && n.getClass() == SQLNumberExpr.class) {
            String text = n.toString();
            if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
                return null;
            }
            Number num = n.getNumber();
            return num instanceof BigDecimal bd ? bd : null;
        }
        if (e instanceof SQLCharExpr c && c.getClass() == SQLCharExpr.class && c.getCollate() == null) {
            return c.getText();
        }
        return null;
    }

    /** What a column reference compares as, for the kinds of literal that may stand in for it. */
    enum Kind { INTEGER, DECIMAL, STRING }

    /** Says which kind of column an identifier names, or null when unknown or neither. */
    @FunctionalInterface
    interface ColumnKinds {
        Kind of(SQLExpr column);
    }

    /**
     * Column kinds by name over the stored tables a statement mentions: a name is NUMERIC (STRING)
     * when every such table that has a column of that name has it numeric (text). Names that no
     * table has (a derived table's columns, select-list aliases) are unknown.
     */
    static ColumnKinds ofTables(SQLObject statement, CatalogSnapshot catalog, String currentDatabase) {
        List<TableDef> tables = new ArrayList<>();
        statement.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(SQLExprTableSource x) {
                String db = currentDatabase;
                String name = null;
                if (x.getExpr() instanceof SQLIdentifierExpr id) {
                    name = id.getName();
                } else if (x.getExpr() instanceof SQLPropertyExpr p && p.getOwner() instanceof SQLIdentifierExpr o) {
                    db = unquote(o.getName());
                    name = p.getName();
                }
                if (name != null && db != null) {
                    catalog.table(db, unquote(name)).ifPresent(tables::add);
                }
                return true;
            }
        });
        return column -> {
            String name = column instanceof SQLIdentifierExpr id ? id.getName()
                    : column instanceof SQLPropertyExpr p ? p.getName() : null;
            return name == null ? null : kind(tables, unquote(name));
        };
    }

    /** Column kinds of a scalar program's input row. */
    static ColumnKinds ofInputs(List<String> names, List<ColumnType> types) {
        return column -> {
            if (!(column instanceof SQLIdentifierExpr id)) {
                return null;
            }
            String name = unquote(id.getName());
            Kind found = null;
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(name)) {
                    Kind k = kind(types.get(i).kind());
                    if (k == null || (found != null && found != k)) {
                        return null;
                    }
                    found = k;
                }
            }
            return found;
        };
    }

    private static Kind kind(List<TableDef> tables, String column) {
        Kind found = null;
        for (TableDef t : tables) {
            int i = t.columnIndex(column);
            if (i < 0) {
                continue;
            }
            Kind k = kind(t.columns().get(i).type().kind());
            if (k == null || (found != null && found != k)) {
                return null;
            }
            found = k;
        }
        return found;
    }

    private static Kind kind(TypeKind k) {
        return switch (k) {
            case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT -> Kind.INTEGER;
            case DECIMAL, FLOAT, DOUBLE -> Kind.DECIMAL;
            case CHAR, VARCHAR, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT -> Kind.STRING;
            default -> null;
        };
    }

    private static String unquote(String name) {
        return name.length() >= 2 && name.charAt(0) == '`' && name.charAt(name.length() - 1) == '`'
                ? name.substring(1, name.length() - 1) : name;
    }
}
