package io.strata.spi.session;

import java.util.List;

/**
 * The answer to COM_STMT_PREPARE: a statement id, its parameters and its result columns (empty
 * when the statement returns no rows).
 */
public record PreparedInfo(int statementId, List<ColumnMeta> parameters, List<ColumnMeta> columns) {
    public PreparedInfo {
        parameters = List.copyOf(parameters);
        columns = List.copyOf(columns);
    }
}
