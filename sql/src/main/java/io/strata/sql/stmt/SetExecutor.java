package io.strata.sql.stmt;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLDefaultExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.ast.statement.SQLAssignItem;
import com.alibaba.druid.sql.ast.statement.SQLSetStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.expr.MySqlCharExpr;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSetTransactionStatement;
import io.strata.sql.catalog.InformationSchema;
import io.strata.sql.session.StrataSession;
import io.strata.sql.session.SystemVariables;
import io.strata.spi.ErrorCode;
import io.strata.spi.kv.IsolationLevel;
import io.strata.spi.session.StatementResult;
import io.strata.spi.session.UpdateResult;

import java.util.Locale;

/** SET of system and user variables, SET NAMES / CHARACTER SET, and SET TRANSACTION. */
public final class SetExecutor {

    public StatementResult set(SQLSetStatement st, StrataSession session, Object[] params) {
        for (SQLAssignItem item : st.getItems()) {
            assign(item.getTarget(), item.getValue(), session, params);
        }
        return UpdateResult.OK;
    }

    private void assign(SQLExpr target, SQLExpr valueExpr, StrataSession session, Object[] params) {
        if (target instanceof SQLPropertyExpr p) {
            // @@session.x / @@local.x / @@global.x
            String owner = String.valueOf(p.getOwner()).toLowerCase(Locale.ROOT).replace("@", "");
            setSystem(Names.unquote(p.getName()), owner.equals("global"), valueExpr, session, params);
            return;
        }
        if (!(target instanceof SQLVariantRefExpr v)) {
            setSystem(Names.simple(target), false, valueExpr, session, params);
            return;
        }
        String name = v.getName();
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("NAMES")) {
            String charset = charsetName(valueExpr);
            String collation = valueExpr instanceof MySqlCharExpr c && c.getCollate() != null ? c.getCollate()
                    : defaultCollation(charset);
            session.setSessionVariable("character_set_client", charset);
            session.setSessionVariable("character_set_connection", charset);
            session.setSessionVariable("character_set_results", charset);
            session.setSessionVariable("collation_connection", collation);
            return;
        }
        if (upper.equals("CHARACTER SET") || upper.equals("CHARSET")) {
            String charset = charsetName(valueExpr);
            session.setSessionVariable("character_set_client", charset);
            session.setSessionVariable("character_set_results", charset);
            session.setSessionVariable("character_set_connection", session.systemVariable("character_set_database", false));
            return;
        }
        if (name.startsWith("@@")) {
            setSystem(name.substring(2), v.isGlobal(), valueExpr, session, params);
            return;
        }
        if (name.startsWith("@")) {
            String user = Names.unquote(name.substring(1));
            session.setUserVariable(user, value(valueExpr, session, params));
            return;
        }
        setSystem(Names.unquote(name), v.isGlobal(), valueExpr, session, params);
    }

    private static String charsetName(SQLExpr e) {
        String s;
        if (e instanceof MySqlCharExpr c) {
            s = c.getText();
        } else if (e instanceof com.alibaba.druid.sql.ast.expr.SQLCharExpr c) {
            s = c.getText();
        } else if (e instanceof SQLDefaultExpr) {
            s = "utf8mb4";
        } else {
            s = Names.simple(e);
        }
        s = s.toLowerCase(Locale.ROOT);
        if (s.equals("utf8")) {
            s = "utf8mb3";
        }
        for (Object[] row : InformationSchema.CHARACTER_SETS) {
            if (row[0].equals(s)) {
                return s;
            }
        }
        throw ErrorCode.UNKNOWN_CHARACTER_SET.error(s);
    }

    private static String defaultCollation(String charset) {
        for (Object[] row : InformationSchema.CHARACTER_SETS) {
            if (row[0].equals(charset)) {
                return (String) row[1];
            }
        }
        return io.strata.spi.collation.Collations.DEFAULT.name();
    }

    private void setSystem(String name, boolean global, SQLExpr valueExpr, StrataSession session, Object[] params) {
        SystemVariables vars = session.services().variables();
        SystemVariables.Definition d = vars.definition(name);
        Object value;
        if (valueExpr instanceof SQLDefaultExpr) {
            value = global || d.scope() == SystemVariables.Scope.SESSION ? d.defaultValue() : vars.global(d.name());
        } else if (valueExpr instanceof SQLIdentifierExpr id) {
            value = Names.unquote(id.getName());
        } else {
            value = value(valueExpr, session, params);
        }
        if (global) {
            vars.setGlobal(d.name(), value);
        } else {
            session.setSessionVariable(d.name(), value);
        }
    }

    /** The value of an expression: literals directly, anything else evaluated in a statement. */
    private static Object value(SQLExpr e, StrataSession session, Object[] params) {
        Object v = Exprs.literal(e, params);
        if (v != Exprs.NOT_LITERAL) {
            return v;
        }
        Object[] out = new Object[1];
        session.runInTransaction(params, ctx -> {
            out[0] = Exprs.evaluate(e, ctx);
            return UpdateResult.OK;
        });
        return out[0];
    }

    public StatementResult setTransaction(MySqlSetTransactionStatement st, StrataSession session) {
        String iso = st.getIsolationLevel();
        String access = st.getAccessModel();
        Boolean readOnly = access == null ? null : access.toUpperCase(Locale.ROOT).contains("ONLY");
        IsolationLevel level = null;
        if (iso != null) {
            try {
                level = IsolationLevel.fromMysqlName(iso);
            } catch (IllegalArgumentException e) {
                throw ErrorCode.WRONG_VALUE_FOR_VAR.error("transaction_isolation", iso);
            }
        }
        if (Boolean.TRUE.equals(st.getGlobal())) {
            if (level != null) {
                session.services().variables().setGlobal("transaction_isolation", level.mysqlName());
            }
            if (readOnly != null) {
                session.services().variables().setGlobal("transaction_read_only", readOnly ? 1L : 0L);
            }
        } else if (Boolean.TRUE.equals(st.getSession())) {
            if (level != null) {
                session.setSessionVariable("transaction_isolation", level.mysqlName());
            }
            if (readOnly != null) {
                session.setSessionVariable("transaction_read_only", readOnly ? 1L : 0L);
            }
        } else {
            session.setNextTransaction(level, readOnly);
        }
        return UpdateResult.OK;
    }
}
