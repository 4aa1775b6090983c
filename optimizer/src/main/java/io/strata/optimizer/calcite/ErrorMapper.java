package io.strata.optimizer.calcite;

import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import org.apache.calcite.runtime.CalciteContextException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns failures from Calcite's validator and runtime into the MySQL errors a client expects.
 * Calcite reports name-resolution problems as {@link CalciteContextException}s whose message
 * comes from its resource bundle; those fixed texts are what is matched here (an exception
 * classification, not SQL parsing). The line of the error position carries the clause the
 * translator was in ({@link DruidTranslator#clauseName}).
 */
final class ErrorMapper {
    private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '([^']+)' not found in any table");
    private static final Pattern COLUMN_NOT_IN_TABLE = Pattern.compile("Column '([^']+)' not found in table '([^']+)'");
    private static final Pattern TABLE_NOT_FOUND = Pattern.compile("Table '([^']+)' not found");
    private static final Pattern AMBIGUOUS = Pattern.compile("Column '([^']+)' is ambiguous");
    private static final Pattern NOT_GROUPED = Pattern.compile("Expression '(.+)' is not being grouped");
    private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("Object '([^']+)' not found(?: within '([^']+)')?");

    private ErrorMapper() {
    }

    static StrataException map(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StrataException se) {
                return se;
            }
        }
        int line = 0;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CalciteContextException cce) {
                line = cce.getPosLine();
                break;
            }
        }
        String clause = DruidTranslator.clauseName(line);
        for (Throwable c = t; c != null; c = c.getCause()) {
            String msg = c.getMessage();
            if (msg == null) {
                continue;
            }
            Matcher m;
            if ((m = COLUMN_NOT_IN_TABLE.matcher(msg)).find()) {
                return ErrorCode.BAD_FIELD.error(m.group(2) + "." + m.group(1), clause);
            }
            if ((m = COLUMN_NOT_FOUND.matcher(msg)).find()) {
                return ErrorCode.BAD_FIELD.error(m.group(1), clause);
            }
            if ((m = AMBIGUOUS.matcher(msg)).find()) {
                return ErrorCode.NON_UNIQ_FIELD.error(m.group(1), clause);
            }
            if ((m = TABLE_NOT_FOUND.matcher(msg)).find()) {
                return ErrorCode.BAD_TABLE.error(m.group(1));
            }
            if ((m = OBJECT_NOT_FOUND.matcher(msg)).find()) {
                return m.group(2) != null ? ErrorCode.NO_SUCH_TABLE.error(m.group(2), m.group(1))
                        : ErrorCode.BAD_TABLE.error(m.group(1));
            }
            if ((m = NOT_GROUPED.matcher(msg)).find()) {
                return ErrorCode.WRONG_FIELD_WITH_GROUP.error(1, m.group(1));
            }
            if (msg.contains("more than one value in agg SINGLE_VALUE")) {
                return ErrorCode.SUBQUERY_NO_1_ROW.error();
            }
            if (msg.contains("Aggregate expression is illegal") || msg.contains("aggregate function")
                    && msg.contains("illegal")) {
                return ErrorCode.INVALID_GROUP_FUNC_USE.error();
            }
            if (msg.contains("Column count mismatch") || msg.contains("have different number of columns")) {
                return ErrorCode.WRONG_NUMBER_OF_COLUMNS_IN_SELECT.error();
            }
            if (msg.contains("Operand should contain") || msg.contains("returns more than one column")
                    || msg.contains("Only scalar sub-queries")) {
                return ErrorCode.OPERAND_COLUMNS.error(1);
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
        return new StrataException(ErrorCode.INTERNAL, ErrorCode.INTERNAL.format(msg), t);
    }
}
