package io.strata.sql.stmt;

import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.optimizer.exec.Row;
import io.strata.sql.catalog.IdAllocator;
import io.strata.sql.exec.Coercion;
import io.strata.sql.exec.TableWriter;
import io.strata.sql.session.StmtContext;
import io.strata.spi.ErrorCode;

import java.time.LocalDateTime;

import static java.util.Objects.requireNonNull;

/**
 * Inserts the rows of one INSERT, REPLACE or LOAD DATA into a table within one transaction: values
 * are coerced to the column types, omitted columns take their defaults, AUTO_INCREMENT is filled,
 * and a row meeting a duplicate key follows the statement's rule — error 1062, skip with a
 * warning (IGNORE), delete the old rows first (REPLACE) or update the old row (ON DUPLICATE KEY
 * UPDATE). Rows and index entries go through {@link TableWriter}.
 */
final class RowInserter {
    /** A source value meaning the column's default (DEFAULT in VALUES, a field missing in LOAD DATA). */
    static final Object DEFAULT = new Object();

    private final TableDef table;
    private final int[] targets;
    private final boolean ignore;
    private final boolean replace;
    private final DmlExecutor.OnDuplicate onDuplicate;
    private final StmtContext ctx;
    private final Coercion coercion;
    private final TableWriter writer;

    private long affected;
    private long duplicates;
    private long firstId;

    /**
     * @param targets     the column index each source value goes to
     * @param onDuplicate ON DUPLICATE KEY UPDATE assignments, or null
     */
    RowInserter(TableDef table, int[] targets, boolean ignore, boolean replace, DmlExecutor.OnDuplicate onDuplicate,
                StmtContext ctx) {
        this.table = requireNonNull(table, "table is null");
        this.targets = targets.clone();
        this.ignore = ignore;
        this.replace = replace;
        this.onDuplicate = onDuplicate;
        this.ctx = requireNonNull(ctx, "ctx is null");
        this.coercion = ctx.coercion(ignore);
        this.writer = new TableWriter(ctx.transaction(), table);
    }

    /** Inserts one row; {@code src[i]} is the value for column {@code targets[i]}, or {@link #DEFAULT}. */
    void insert(Object[] src, int rowNo) {
        checkCancelled(ctx);
        TableDef t = table;
        Object[] vals = new Object[t.columns().size()];
        boolean[] given = new boolean[vals.length];
        for (int i = 0; i < targets.length; i++) {
            if (src[i] != DEFAULT) {
                given[targets[i]] = true;
                vals[targets[i]] = coercion.coerce(t.columns().get(targets[i]), src[i], rowNo);
            }
        }
        for (int i = 0; i < vals.length; i++) {
            ColumnDef c = t.columns().get(i);
            if (!given[i]) {
                vals[i] = defaultFor(c, ctx, coercion, rowNo);
            } else if (vals[i] == null && !c.nullable() && !c.autoIncrement()) {
                vals[i] = nullIntoNotNull(c, coercion, ctx, rowNo);
            }
        }
        long generated = assignAutoIncrement(t, vals, ctx);
        if (generated != 0 && firstId == 0) {
            firstId = generated;
        }
        long handle = t.pkIsHandle() ? writer.handleOf(vals)
                : ctx.services().ids().next(IdAllocator.rowIdSequence(t.id()));
        if (replace) {
            for (TableWriter.Duplicate d : writer.findDuplicates(handle, vals, null, false)) {
                Row old = ctx.tables().get(ctx.transaction(), t, d.handle());
                if (old != null) {
                    writer.delete(old);
                    affected++;
                    duplicates++;
                }
            }
            writer.insert(handle, vals);
            affected++;
            return;
        }
        TableWriter.Duplicate dup = writer.findDuplicate(handle, vals, null);
        if (dup == null) {
            writer.insert(handle, vals);
            affected++;
        } else if (onDuplicate != null) {
            duplicates++;
            affected += onDuplicate.apply(writer, dup, vals, coercion, ctx, rowNo);
        } else if (ignore) {
            duplicates++;
            ctx.warn("Warning", ErrorCode.DUP_ENTRY.mysqlCode(), dup.error().getMessage());
        } else {
            throw dup.error();
        }
    }

    /** Affected rows as MySQL counts them (a replaced row counts twice, an updated one twice). */
    long affected() {
        return affected;
    }

    /** Rows that met a duplicate key: deleted by REPLACE, skipped by IGNORE or updated. */
    long duplicates() {
        return duplicates;
    }

    /** The first generated AUTO_INCREMENT value, or 0. */
    long firstId() {
        return firstId;
    }

    static void checkCancelled(StmtContext ctx) {
        if (ctx.isCancelled()) {
            throw ErrorCode.QUERY_INTERRUPTED.error();
        }
    }

    /** The value an omitted column takes: its default, NOW() for CURRENT_TIMESTAMP, or 1364. */
    static Object defaultFor(ColumnDef c, StmtContext ctx, Coercion coercion, int rowNo) {
        if (c.autoIncrement()) {
            return null;
        }
        if (c.defaultExpr() != null) {
            return currentTimestamp(c, ctx.statementTime(), coercion, rowNo);
        }
        if (c.hasDefault()) {
            return c.defaultValue();
        }
        if (c.nullable()) {
            return null;
        }
        if (coercion.strict()) {
            throw ErrorCode.NO_DEFAULT_FOR_FIELD.error(c.name());
        }
        ctx.warn("Warning", ErrorCode.NO_DEFAULT_FOR_FIELD.mysqlCode(), ErrorCode.NO_DEFAULT_FOR_FIELD.format(c.name()));
        return Coercion.implicitDefault(c);
    }

    private static Object currentTimestamp(ColumnDef c, LocalDateTime now, Coercion coercion, int rowNo) {
        return coercion.coerce(c, now, rowNo);
    }

    /** NULL given for a NOT NULL column: an error, or with IGNORE a warning and the implicit default. */
    static Object nullIntoNotNull(ColumnDef c, Coercion coercion, StmtContext ctx, int rowNo) {
        if (coercion.strict()) {
            throw ErrorCode.BAD_NULL_ERROR.error(c.name());
        }
        ctx.warn("Warning", ErrorCode.BAD_NULL_ERROR.mysqlCode(), ErrorCode.BAD_NULL_ERROR.format(c.name()));
        return Coercion.implicitDefault(c);
    }

    /**
     * Fills the AUTO_INCREMENT column when it is NULL or 0 and returns the generated value (0 if
     * none); an explicit value raises the counter so later generated values exceed it.
     */
    private static long assignAutoIncrement(TableDef t, Object[] vals, StmtContext ctx) {
        int idx = -1;
        for (int i = 0; i < t.columns().size(); i++) {
            if (t.columns().get(i).autoIncrement()) {
                idx = i;
                break;
            }
        }
        if (idx < 0) {
            return 0;
        }
        String seq = IdAllocator.autoIncrementSequence(t.id());
        Object v = vals[idx];
        if (v == null || (v instanceof Number n && n.longValue() == 0)) {
            long id = ctx.services().ids().next(seq);
            vals[idx] = t.columns().get(idx).type().kind() == TypeKind.DECIMAL ? java.math.BigDecimal.valueOf(id) : id;
            return id;
        }
        if (v instanceof Number n && n.longValue() > 0) {
            ctx.services().ids().rebase(seq, n.longValue());
        }
        return 0;
    }

    /** Columns with ON UPDATE CURRENT_TIMESTAMP take the statement time when the row changes. */
    static void touchOnUpdate(TableDef t, Object[] vals, boolean[] assigned, StmtContext ctx, Coercion coercion,
                              int rowNo) {
        for (int i = 0; i < vals.length; i++) {
            ColumnDef c = t.columns().get(i);
            if (c.onUpdateExpr() != null && !assigned[i]) {
                vals[i] = currentTimestamp(c, ctx.statementTime(), coercion, rowNo);
            }
        }
    }
}
