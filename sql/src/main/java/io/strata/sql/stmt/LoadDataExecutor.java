package io.strata.sql.stmt;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOperator;
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.expr.SQLHexExpr;
import com.alibaba.druid.sql.ast.expr.SQLLiteralExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlLoadDataInFileStatement;
import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.plan.QueryPlanner;
import io.strata.sql.catalog.Catalog;
import io.strata.sql.exec.Coercion;
import io.strata.sql.exec.LoadDataReader;
import io.strata.sql.session.StmtContext;
import io.strata.sql.session.StrataSession;
import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import io.strata.spi.session.UpdateResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * LOAD DATA [LOCAL] INFILE: reads rows from the client's file (LOCAL, over the protocol) or from a
 * server file under {@code secure_file_priv}, splits them with {@link LoadDataReader} while they
 * stream in, and inserts them through the same {@link RowInserter} as INSERT, so coercion,
 * defaults, AUTO_INCREMENT, indexes and duplicate keys behave alike.
 *
 * <p>Bulk path: in autocommit mode the rows are written in transactions of
 * {@code EngineConfig.loadDataBatchRows} rows, each committed on its own (and re-run on a write
 * conflict). A LOAD DATA that fails part way therefore leaves the batches before the failure
 * committed — it is not atomic, as in TiDB. Inside an explicit transaction every batch joins that
 * transaction.
 *
 * <p>MySQL's rules: with LOCAL, errors in the data are warnings and duplicate keys are skipped as if
 * IGNORE were given (the server cannot stop the client's transfer), unless REPLACE is given; a
 * row with too few fields leaves the rest of the columns at their defaults (warning 1261), one
 * with too many drops the extra fields (warning 1262). The OK info reads
 * {@code Records: N  Deleted: N  Skipped: N  Warnings: N}.
 */
public final class LoadDataExecutor {
    /** Where one input field goes: a column index, or a user variable. */
    private record FieldTarget(int column, String userVariable) {
    }

    /** The statement's mapping from input to columns, resolved once. */
    private static final class Plan {
        final TableDef table;
        final List<FieldTarget> fields = new ArrayList<>();
        /** Columns given by SET, and their expressions. */
        final List<Integer> setColumns = new ArrayList<>();
        final List<SQLExpr> setValues = new ArrayList<>();
        /** Column index of each source value RowInserter receives: file columns, then SET columns. */
        int[] targets;
        QueryPlanner.ScalarProgram setProgram;

        Plan(TableDef table) {
            this.table = table;
        }
    }

    public UpdateResult load(MySqlLoadDataInFileStatement st, StrataSession session) {
        Catalog catalog = session.freshCatalog();
        Names.QualifiedName name = Names.qualify(st.getTableName(), session.currentDatabase());
        TableDef table = Names.resolve(catalog, name);
        if (Catalog.isVirtual(table)) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("LOAD DATA into information_schema");
        }
        Plan plan = plan(st, table);
        LoadDataReader.Format format = format(st);
        Charset charset = charset(st.getCharset());
        long ignoreLines = ignoreLines(st);
        boolean replace = st.isReplicate();
        // LOCAL: data errors become warnings (and duplicates are skipped unless REPLACE wins)
        boolean ignore = st.isIgnore() || st.isLocal();
        int batchRows = session.services().config().loadDataBatchRows();

        long[] totals = new long[4]; // records, affected, duplicates, first id
        try (InputStream in = open(st, session)) {
            LoadDataReader reader = new LoadDataReader(new InputStreamReader(in, charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), format);
            reader.skip(ignoreLines);
            List<List<String>> batch = new ArrayList<>();
            boolean more = true;
            while (more) {
                List<String> row = reader.next();
                more = row != null;
                if (more) {
                    batch.add(row);
                }
                if (!batch.isEmpty() && (batch.size() >= batchRows || !more)) {
                    writeBatch(batch, (int) totals[0], plan, ignore, replace, session, totals);
                    totals[0] += batch.size();
                    batch.clear();
                }
            }
        } catch (IOException e) {
            throw new StrataException(ErrorCode.INTERNAL, ErrorCode.INTERNAL.format("reading " + fileName(st) + ": " + e), e);
        } catch (UncheckedIOException e) {
            throw new StrataException(ErrorCode.INTERNAL, ErrorCode.INTERNAL.format("reading " + fileName(st) + ": " + e.getCause()), e);
        }
        if (totals[3] != 0) {
            session.setLastInsertId(totals[3]);
        }
        long deleted = replace ? totals[2] : 0;
        long skipped = replace ? 0 : totals[2];
        String info = String.format(Locale.ROOT, "Records: %d  Deleted: %d  Skipped: %d  Warnings: %d", totals[0], deleted,
                skipped, session.warningCount());
        return new UpdateResult(totals[1], totals[3], info);
    }

    /** Writes one batch in a transaction of its own (autocommit) or in the session's transaction. */
    private void writeBatch(List<List<String>> batch, int rowsBefore, Plan plan, boolean ignore, boolean replace,
                            StrataSession session, long[] totals) {
        long[] counts = new long[3];
        session.runInTransaction(null, ctx -> {
            if (plan.setProgram == null && !plan.setValues.isEmpty()) {
                plan.setProgram = compileSet(plan, ctx);
            }
            Coercion coercion = ctx.coercion(ignore);
            RowInserter inserter = new RowInserter(plan.table, plan.targets, ignore, replace, null, ctx);
            int rowNo = rowsBefore;
            for (List<String> fields : batch) {
                rowNo++;
                inserter.insert(sourceRow(plan, fields, rowNo, coercion, ctx), rowNo);
            }
            counts[0] = inserter.affected();
            counts[1] = inserter.duplicates();
            counts[2] = inserter.firstId();
            return UpdateResult.OK;
        });
        totals[1] += counts[0];
        totals[2] += counts[1];
        if (totals[3] == 0) {
            totals[3] = counts[2];
        }
    }

    /** The values RowInserter takes for one input row: file fields, then SET results. */
    private static Object[] sourceRow(Plan plan, List<String> fields, int rowNo, Coercion coercion, StmtContext ctx) {
        int n = plan.fields.size();
        if (fields.size() < n) {
            ctx.warn("Warning", ErrorCode.WARN_TOO_FEW_RECORDS.mysqlCode(), ErrorCode.WARN_TOO_FEW_RECORDS.format(rowNo));
        } else if (fields.size() > n) {
            ctx.warn("Warning", ErrorCode.WARN_TOO_MANY_RECORDS.mysqlCode(), ErrorCode.WARN_TOO_MANY_RECORDS.format(rowNo));
        }
        Object[] src = new Object[plan.targets.length];
        int k = 0;
        for (int i = 0; i < n; i++) {
            FieldTarget target = plan.fields.get(i);
            boolean present = i < fields.size();
            String value = present ? fields.get(i) : null;
            if (target.userVariable() != null) {
                ctx.session().setUserVariable(target.userVariable(), value);
            } else {
                src[k++] = present ? value : RowInserter.DEFAULT;
            }
        }
        if (plan.setProgram != null) {
            List<ColumnDef> columns = plan.table.columns();
            Object[] input = new Object[columns.size()];
            for (int i = 0; i < k; i++) {
                if (src[i] != RowInserter.DEFAULT) {
                    input[plan.targets[i]] = src[i] = coercion.coerce(columns.get(plan.targets[i]), src[i], rowNo);
                }
            }
            Object[] values = plan.setProgram.evaluate(input, ctx);
            System.arraycopy(values, 0, src, k, values.length);
        }
        return src;
    }

    private static QueryPlanner.ScalarProgram compileSet(Plan plan, StmtContext ctx) {
        List<String> names = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        for (ColumnDef c : plan.table.columns()) {
            names.add(c.name());
            types.add(c.type());
        }
        return ctx.services().planner().compileScalars(plan.setValues, names, types, ctx);
    }

    private static Plan plan(MySqlLoadDataInFileStatement st, TableDef t) {
        Plan plan = new Plan(t);
        if (st.getColumns() == null || st.getColumns().isEmpty()) {
            for (int i = 0; i < t.columns().size(); i++) {
                plan.fields.add(new FieldTarget(i, null));
            }
        } else {
            for (SQLExpr e : st.getColumns()) {
                if (e instanceof SQLVariantRefExpr v && v.getName().startsWith("@") && !v.getName().startsWith("@@")) {
                    plan.fields.add(new FieldTarget(-1, Names.unquote(v.getName().substring(1))));
                } else {
                    plan.fields.add(new FieldTarget(column(t, Names.simple(e)), null));
                }
            }
        }
        for (SQLExpr e : st.getSetList()) {
            if (!(e instanceof SQLBinaryOpExpr b) || b.getOperator() != SQLBinaryOperator.Equality) {
                throw ErrorCode.NOT_SUPPORTED_YET.error("LOAD DATA ... SET " + e);
            }
            plan.setColumns.add(column(t, Names.simple(b.getLeft())));
            plan.setValues.add(b.getRight());
        }
        List<Integer> targets = new ArrayList<>();
        for (FieldTarget f : plan.fields) {
            if (f.userVariable() == null) {
                targets.add(f.column());
            }
        }
        targets.addAll(plan.setColumns);
        plan.targets = targets.stream().mapToInt(Integer::intValue).toArray();
        return plan;
    }

    private static int column(TableDef t, String name) {
        int idx = t.columnIndex(name);
        if (idx < 0) {
            throw ErrorCode.BAD_FIELD.error(name, "field list");
        }
        return idx;
    }

    private static LoadDataReader.Format format(MySqlLoadDataInFileStatement st) {
        LoadDataReader.Format d = LoadDataReader.Format.DEFAULT;
        String fieldTerm = text(st.getColumnsTerminatedBy(), d.fieldTerminator());
        String lineTerm = text(st.getLinesTerminatedBy(), d.lineTerminator());
        if (fieldTerm.isEmpty() || lineTerm.isEmpty()) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("LOAD DATA with an empty terminator (fixed-width rows)");
        }
        return new LoadDataReader.Format(fieldTerm, singleChar(st.getColumnsEnclosedBy(), -1, "ENCLOSED BY"),
                singleChar(st.getColumnsEscaped(), d.escapedBy(), "ESCAPED BY"), text(st.getLinesStartingBy(), ""), lineTerm);
    }

    private static String text(SQLLiteralExpr e, String dflt) {
        if (e == null) {
            return dflt;
        }
        if (e instanceof SQLCharExpr c) {
            return c.getText();
        }
        if (e instanceof SQLHexExpr h) {
            return new String(h.toBytes(), StandardCharsets.ISO_8859_1);
        }
        throw ErrorCode.WRONG_ARGUMENTS.error("LOAD DATA");
    }

    /** An enclosing or escape character: one character, or none for ''. */
    private static int singleChar(SQLLiteralExpr e, int dflt, String clause) {
        if (e == null) {
            return dflt;
        }
        String s = text(e, "");
        if (s.isEmpty()) {
            return -1;
        }
        if (s.length() != 1) {
            // MySQL's error for "FIELDS ENCLOSED BY 'ab'": ER_WRONG_FIELD_TERMINATORS
            throw ErrorCode.WRONG_ARGUMENTS.error(clause);
        }
        return s.charAt(0);
    }

    private static long ignoreLines(MySqlLoadDataInFileStatement st) {
        if (st.getIgnoreLinesNumber() == null) {
            return 0;
        }
        Object n = Exprs.literal(st.getIgnoreLinesNumber(), null);
        if (!(n instanceof Number number) || number.longValue() < 0) {
            throw ErrorCode.WRONG_ARGUMENTS.error("IGNORE LINES");
        }
        return number.longValue();
    }

    /** The input's character set: CHARACTER SET, else the database default utf8mb4. */
    private static Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        return switch (Names.unquote(name).toLowerCase(Locale.ROOT)) {
            // binary: no conversion; the bytes reach utf8mb4 columns as they are
            case "utf8mb4", "utf8", "utf8mb3", "binary" -> StandardCharsets.UTF_8;
            case "latin1" -> Charset.forName("windows-1252");
            case "ascii" -> StandardCharsets.US_ASCII;
            default -> throw ErrorCode.UNKNOWN_CHARACTER_SET.error(name);
        };
    }

    private static String fileName(MySqlLoadDataInFileStatement st) {
        return text(st.getFileName(), "");
    }

    private static InputStream open(MySqlLoadDataInFileStatement st, StrataSession session) throws IOException {
        String fileName = fileName(st);
        if (st.isLocal()) {
            return session.clientConnection().requestLocalFile(fileName);
        }
        Path dir = session.services().config().secureFilePriv();
        if (dir == null) {
            throw ErrorCode.OPTION_PREVENTS_STATEMENT.error("--secure-file-priv");
        }
        // relative names are taken from the secure_file_priv directory; the real path must stay in it
        Path file = dir.resolve(fileName).normalize();
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(dir.toRealPath()) || !Files.isRegularFile(real)) {
                throw ErrorCode.OPTION_PREVENTS_STATEMENT.error("--secure-file-priv");
            }
            return Files.newInputStream(real);
        } catch (NoSuchFileException e) {
            if (!file.startsWith(dir)) {
                throw ErrorCode.OPTION_PREVENTS_STATEMENT.error("--secure-file-priv");
            }
            throw ErrorCode.FILE_NOT_FOUND.error(file.toString());
        }
    }
}
