package io.strata.sql.stmt;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLBooleanExpr;
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.expr.SQLHexExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.expr.SQLNullExpr;
import com.alibaba.druid.sql.ast.expr.SQLNumberExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.sql.session.StmtContext;
import io.strata.spi.ErrorCode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * Constant expressions. Literals and {@code ?} parameters are read straight off the AST (the
 * OLTP fast path); anything else is compiled by the planner's scalar compiler and evaluated once.
 */
public final class Exprs {
    /** Returned by {@link #literal} for an expression that is not a plain literal. */
    public static final Object NOT_LITERAL = new Object() {
        @Override
        public String toString() {
            return "NOT_LITERAL";
        }
    };

    private Exprs() {
    }

    /** The value of a literal or bound parameter, or {@link #NOT_LITERAL}. */
    public static Object literal(SQLExpr e, Object[] params) {
        if (e instanceof SQLIntegerExpr i) {
            Number n = i.getNumber();
            if (n instanceof BigInteger bi) {
                return bi.bitLength() <= 63 ? (Object) bi.longValue() : new BigDecimal(bi);
            }
            return n.longValue();
        }
        if (e instanceof SQLNumberExpr n) {
            String text = n.toString();
            if (text.toLowerCase(Locale.ROOT).contains("e")) {
                return n.getNumber().doubleValue();
            }
            Number num = n.getNumber();
            return num instanceof BigDecimal bd ? bd : new BigDecimal(num.toString());
        }
        if (e instanceof SQLCharExpr c) {
            return c.getText();
        }
        if (e instanceof SQLNullExpr) {
            return null;
        }
        if (e instanceof SQLBooleanExpr b) {
            return b.getBooleanValue() ? 1L : 0L;
        }
        if (e instanceof SQLHexExpr h) {
            return h.toBytes();
        }
        if (e instanceof SQLVariantRefExpr v && "?".equals(v.getName())) {
            if (params == null || v.getIndex() < 0 || v.getIndex() >= params.length) {
                throw ErrorCode.WRONG_ARGUMENTS.error("mysqld_stmt_execute");
            }
            Object p = params[v.getIndex()];
            if (p instanceof Float f) {
                return f.doubleValue();
            }
            if (p instanceof BigInteger bi) {
                return bi.bitLength() <= 63 ? (Object) bi.longValue() : new BigDecimal(bi);
            }
            return p;
        }
        return NOT_LITERAL;
    }

    /** Evaluates a constant expression (no column references). */
    public static Object evaluate(SQLExpr e, StmtContext ctx) {
        Object v = literal(e, ctx.parameters());
        if (v != NOT_LITERAL) {
            return v;
        }
        return ctx.services().planner().compileScalars(List.of(e), List.of(), List.<ColumnType>of(), ctx)
                .evaluate(new Object[0], ctx)[0];
    }

    /** An identifier used as a value (SET x = ON, SET NAMES utf8) as text. */
    public static Object identifierOrValue(SQLExpr e, StmtContext ctx) {
        if (e instanceof SQLIdentifierExpr id) {
            return Names.unquote(id.getName());
        }
        return evaluate(e, ctx);
    }
}
