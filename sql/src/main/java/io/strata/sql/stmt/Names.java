package io.strata.sql.stmt;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLName;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import io.strata.optimizer.catalog.TableDef;
import io.strata.sql.catalog.Catalog;
import io.strata.spi.ErrorCode;

import java.util.Locale;

/** Identifier handling: unquoting, qualifying table names with the current database, lookup errors. */
public final class Names {
    private Names() {
    }

    /** A table name qualified with its database (both lower case, as stored). */
    public record QualifiedName(String database, String table) {
    }

    public static String unquote(String ident) {
        return ident == null ? null : SQLUtils.normalize(ident);
    }

    /** The last part of a name expression, unquoted. */
    public static String simple(SQLExpr e) {
        if (e instanceof SQLPropertyExpr p) {
            return unquote(p.getName());
        }
        if (e instanceof SQLIdentifierExpr i) {
            return unquote(i.getName());
        }
        if (e instanceof SQLName n) {
            return unquote(n.getSimpleName());
        }
        return unquote(e.toString());
    }

    public static QualifiedName qualify(SQLExprTableSource ts, String currentDb) {
        return qualify(ts.getExpr(), currentDb);
    }

    public static QualifiedName qualify(SQLExpr name, String currentDb) {
        String db;
        String table;
        if (name instanceof SQLPropertyExpr p) {
            db = unquote(p.getOwnerName());
            table = unquote(p.getName());
        } else {
            db = currentDb;
            table = simple(name);
        }
        if (db == null) {
            throw ErrorCode.NO_DB_ERROR.error();
        }
        return new QualifiedName(db.toLowerCase(Locale.ROOT), table.toLowerCase(Locale.ROOT));
    }

    /** The table, or BAD_DB_ERROR (1049) / NO_SUCH_TABLE (1146) as MySQL reports them. */
    public static TableDef resolve(Catalog catalog, QualifiedName q) {
        if (!catalog.hasDatabase(q.database())) {
            throw ErrorCode.BAD_DB_ERROR.error(q.database());
        }
        return catalog.table(q.database(), q.table())
                .orElseThrow(() -> ErrorCode.NO_SUCH_TABLE.error(q.database(), q.table()));
    }

    public static TableDef resolve(Catalog catalog, SQLExprTableSource ts, String currentDb) {
        return resolve(catalog, qualify(ts, currentDb));
    }
}
