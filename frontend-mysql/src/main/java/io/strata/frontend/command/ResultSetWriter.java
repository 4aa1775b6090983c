package io.strata.frontend.command;

import io.strata.frontend.net.PacketWriter;
import io.strata.frontend.packet.BinaryResultRowPacket;
import io.strata.frontend.packet.Capabilities;
import io.strata.frontend.packet.ColumnCountPacket;
import io.strata.frontend.packet.ColumnDefinition41Packet;
import io.strata.frontend.packet.EofPacket;
import io.strata.frontend.packet.OkPacket;
import io.strata.frontend.packet.StatusFlags;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.QueryResult;
import io.strata.spi.session.SqlSession;
import io.strata.spi.session.StatementResult;
import io.strata.spi.session.UpdateResult;
import io.strata.frontend.packet.TextResultRowPacket;

import java.util.Iterator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Writes statement results: an OK for an {@link UpdateResult}, a result set (column count,
 * column definitions, rows, end marker) for a {@link QueryResult}, in the text or the binary
 * protocol. Rows are pulled from the result one at a time and written as they come, so memory
 * stays flat and a slow client holds the worker at {@link PacketWriter#write} instead of making
 * the server buffer the whole result.
 *
 * <p>With CLIENT_DEPRECATE_EOF the EOF after the column definitions is left out and the result
 * set ends with an OK packet whose header is 0xFE; otherwise both are EOF packets.
 */
final class ResultSetWriter {
    private final PacketWriter out;
    private final SqlSession session;
    private final boolean deprecateEof;

    ResultSetWriter(PacketWriter out, SqlSession session, int capabilities) {
        this.out = requireNonNull(out, "out is null");
        this.session = requireNonNull(session, "session is null");
        this.deprecateEof = Capabilities.has(capabilities, Capabilities.CLIENT_DEPRECATE_EOF);
    }

    /** Writes one result; {@code more} sets SERVER_MORE_RESULTS_EXISTS (another result follows). */
    void write(StatementResult result, boolean more, boolean binary) {
        if (result instanceof UpdateResult update) {
            writeOk(update, more);
        } else if (result instanceof QueryResult query) {
            try (query) {
                writeResultSet(query, more, binary);
            }
        }
    }

    void writeOk(UpdateResult update, boolean more) {
        out.write(new OkPacket(update.affectedRows(), update.lastInsertId(), status(more), session.warningCount(), update.info()));
    }

    private void writeResultSet(QueryResult result, boolean more, boolean binary) {
        List<ColumnMeta> columns = result.columns();
        if (columns.isEmpty()) {
            writeOk(UpdateResult.OK, more);
            return;
        }
        writeColumns(columns, false);
        Iterator<Object[]> rows = result.rows();
        while (rows.hasNext()) {
            Object[] row = rows.next();
            out.write(binary ? new BinaryResultRowPacket(columns, row) : new TextResultRowPacket(columns, row));
        }
        writeEnd(status(more));
    }

    /** Column definitions followed by an EOF unless the client deprecated it. */
    void writeColumns(List<ColumnMeta> columns, boolean forFieldList) {
        if (!forFieldList) {
            out.write(new ColumnCountPacket(columns.size()));
        }
        for (ColumnMeta column : columns) {
            out.write(new ColumnDefinition41Packet(column, forFieldList));
        }
        if (!forFieldList && !deprecateEof) {
            out.write(new EofPacket(status(false), session.warningCount()));
        }
    }

    /** Definitions of prepared-statement parameters or columns, each list closed by EOF unless deprecated. */
    void writeDefinitions(List<ColumnMeta> columns) {
        if (columns.isEmpty()) {
            return;
        }
        for (ColumnMeta column : columns) {
            out.write(new ColumnDefinition41Packet(column, false));
        }
        if (!deprecateEof) {
            out.write(new EofPacket(status(false), session.warningCount()));
        }
    }

    /** The end of rows (or of a field list, or the COM_SET_OPTION answer): EOF, or OK with header 0xFE. */
    void writeEnd(int statusFlags) {
        if (deprecateEof) {
            out.write(OkPacket.endOfResultSet(statusFlags, session.warningCount()));
        } else {
            out.write(new EofPacket(statusFlags, session.warningCount()));
        }
    }

    int status(boolean more) {
        return session.statusFlags() | (more ? StatusFlags.SERVER_MORE_RESULTS_EXISTS : 0);
    }
}
