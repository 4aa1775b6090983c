package io.strata.sql.stmt;

import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.MysqlType;
import io.strata.spi.session.QueryResult;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Builders for the small materialized results of SHOW and friends. */
public final class Results {
    private Results() {
    }

    /** A text column as SHOW statements describe theirs. */
    public static ColumnMeta text(String name) {
        return ColumnMeta.expression(name, MysqlType.VAR_STRING, 256, 31, 0, ColumnMeta.CHARSET_UTF8MB4);
    }

    /** A BIGINT column. */
    public static ColumnMeta bigint(String name) {
        return ColumnMeta.expression(name, MysqlType.LONGLONG, 21, 0, ColumnMeta.NUM_FLAG, ColumnMeta.CHARSET_BINARY);
    }

    public static List<ColumnMeta> texts(String... names) {
        List<ColumnMeta> out = new ArrayList<>();
        for (String n : names) {
            out.add(text(n));
        }
        return out;
    }

    public static QueryResult of(List<ColumnMeta> columns, List<Object[]> rows) {
        return QueryResult.of(columns, rows);
    }

    /** Materializes a result (closing it), so the rows can be filtered or the transaction ended. */
    public static List<Object[]> drain(QueryResult r) {
        List<Object[]> rows = new ArrayList<>();
        try (r) {
            Iterator<Object[]> it = r.rows();
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }

    /** A result whose {@code onClose} runs once after the inner result is closed. */
    public static QueryResult onClose(QueryResult inner, Runnable onClose) {
        return new QueryResult() {
            private boolean closed;

            @Override
            public List<ColumnMeta> columns() {
                return inner.columns();
            }

            @Override
            public Iterator<Object[]> rows() {
                return inner.rows();
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    inner.close();
                } finally {
                    onClose.run();
                }
            }
        };
    }
}
