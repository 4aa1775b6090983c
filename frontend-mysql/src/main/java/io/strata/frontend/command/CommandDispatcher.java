package io.strata.frontend.command;

import io.netty.channel.Channel;
import io.strata.frontend.ErrPacketFactory;
import io.strata.frontend.net.ConnectionClosedException;
import io.strata.frontend.net.ConnectionRegistry;
import io.strata.frontend.net.PacketWriter;
import io.strata.frontend.net.ServerStats;
import io.strata.frontend.packet.ComFieldListPacket;
import io.strata.frontend.packet.ComInitDbPacket;
import io.strata.frontend.packet.ComProcessKillPacket;
import io.strata.frontend.packet.ComQueryPacket;
import io.strata.frontend.packet.ComSetOptionPacket;
import io.strata.frontend.packet.ComStmtClosePacket;
import io.strata.frontend.packet.ComStmtExecutePacket;
import io.strata.frontend.packet.ComStmtPreparePacket;
import io.strata.frontend.packet.ComStmtResetPacket;
import io.strata.frontend.packet.ComStmtSendLongDataPacket;
import io.strata.frontend.packet.CommandType;
import io.strata.frontend.packet.MalformedPacketException;
import io.strata.frontend.packet.MySqlPayload;
import io.strata.frontend.packet.StatisticsResponsePacket;
import io.strata.frontend.packet.StmtPrepareOkPacket;
import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import io.strata.spi.session.PreparedInfo;
import io.strata.spi.session.SqlSession;
import io.strata.spi.session.StatementResult;
import io.strata.spi.session.UpdateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The command phase of one connection: decodes each command packet, drives the session, and
 * writes the answer. Runs on the connection's serial executor, never on the event loop.
 *
 * <p>Errors a statement raises become an ERR packet and the connection carries on. A packet that
 * cannot be decoded also gets an ERR, but then the connection closes: the stream cannot be
 * trusted to be in step any more.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_command_phase.html">Command Phase</a>
 */
public final class CommandDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

    /** What the connection does after a command. */
    public enum Next { CONTINUE, CLOSE }

    private final long connectionId;
    private final SqlSession session;
    private final PacketWriter out;
    private final ConnectionRegistry registry;
    private final ServerStats stats;
    private final ResultSetWriter results;
    private final PreparedStatements prepared = new PreparedStatements();

    public CommandDispatcher(long connectionId, SqlSession session, PacketWriter out, int capabilities,
                             ConnectionRegistry registry, ServerStats stats) {
        this.connectionId = connectionId;
        this.session = requireNonNull(session, "session is null");
        this.out = requireNonNull(out, "out is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.stats = requireNonNull(stats, "stats is null");
        this.results = new ResultSetWriter(out, session, capabilities);
    }

    /** Handles one command packet whose payload starts with the command byte. */
    public Next dispatch(MySqlPayload payload, int sequenceId) {
        out.answer(sequenceId);
        CommandType type = null;
        try {
            int code = payload.readInt1();
            type = CommandType.fromCode(code);
            if (type != CommandType.COM_STATISTICS) {
                stats.question();
            }
            Next next = run(type, payload);
            out.flush();
            return next;
        } catch (ConnectionClosedException e) {
            return Next.CLOSE;
        } catch (MalformedPacketException e) {
            LOG.debug("connection {}: malformed {} packet: {}", connectionId, type, e.getMessage());
            out.writeAndClose(ErrPacketFactory.create(e));
            return Next.CLOSE;
        } catch (RuntimeException e) {
            if (type == CommandType.COM_STMT_CLOSE || type == CommandType.COM_STMT_SEND_LONG_DATA) {
                // These commands have no answer; a client does not read one.
                LOG.debug("connection {}: {} failed: {}", connectionId, type, e.toString());
                return Next.CONTINUE;
            }
            try {
                out.write(ErrPacketFactory.create(e));
                out.flush();
            } catch (ConnectionClosedException closed) {
                return Next.CLOSE; // the client went away while the statement ran
            }
            return Next.CONTINUE;
        } catch (StackOverflowError | LinkageError | OutOfMemoryError e) {
            // A statement nested too deeply, a broken class path or an exhausted heap: the client
            // still gets an answer instead of waiting forever, and the connection, whose session
            // state may be inconsistent now, is closed. The server keeps serving others.
            LOG.warn("connection {}: {} failed with {}; closing the connection", connectionId, type, e.toString());
            out.writeAndClose(ErrPacketFactory.create(e));
            return Next.CLOSE;
        }
    }

    private Next run(CommandType type, MySqlPayload payload) {
        if (type == null) {
            throw ErrorCode.UNKNOWN_COM.error();
        }
        switch (type) {
            case COM_QUIT:
                return Next.CLOSE;
            case COM_PING:
                ok();
                break;
            case COM_INIT_DB:
                session.useDatabase(new ComInitDbPacket(payload).schema());
                ok();
                break;
            case COM_QUERY:
                query(new ComQueryPacket(payload).sql());
                break;
            case COM_FIELD_LIST: {
                ComFieldListPacket packet = new ComFieldListPacket(payload);
                results.writeColumns(session.fieldList(packet.table(), packet.wildcard()), true);
                results.writeEnd(results.status(false));
                break;
            }
            case COM_STMT_PREPARE:
                prepare(new ComStmtPreparePacket(payload).sql());
                break;
            case COM_STMT_EXECUTE:
                execute(payload);
                break;
            case COM_STMT_SEND_LONG_DATA: {
                ComStmtSendLongDataPacket packet = new ComStmtSendLongDataPacket(payload);
                PreparedStatements.Statement statement = prepared.get(packet.statementId());
                if (statement != null) {
                    statement.appendLongData(packet.parameterId(), packet.data());
                }
                break;
            }
            case COM_STMT_CLOSE: {
                int id = new ComStmtClosePacket(payload).statementId();
                if (prepared.get(id) != null) {
                    prepared.remove(id);
                    session.closePrepared(id);
                }
                break;
            }
            case COM_STMT_RESET: {
                int id = new ComStmtResetPacket(payload).statementId();
                PreparedStatements.Statement statement = prepared.get(id);
                if (statement == null) {
                    throw ErrorCode.UNKNOWN_STMT_HANDLER.error(Integer.toUnsignedString(id), "mysqld_stmt_reset");
                }
                statement.clearLongData();
                ok();
                break;
            }
            case COM_SET_OPTION:
                setOption(new ComSetOptionPacket(payload).option());
                break;
            case COM_RESET_CONNECTION:
                session.reset();
                prepared.clear();
                ok();
                break;
            case COM_STATISTICS:
                out.write(new StatisticsResponsePacket(statistics()));
                break;
            case COM_PROCESS_KILL:
                kill(new ComProcessKillPacket(payload).connectionId());
                break;
            default:
                throw ErrorCode.UNKNOWN_COM.error();
        }
        return Next.CONTINUE;
    }

    private void ok() {
        results.writeOk(UpdateResult.OK, false);
    }

    private void query(String sql) {
        boolean[] wroteAny = {false};
        session.execute(sql, (StatementResult result, boolean more) -> {
            results.write(result, more, false);
            wroteAny[0] = true;
        });
        if (!wroteAny[0]) {
            // A statement that produced nothing (only comments, say) still needs an answer.
            ok();
        }
    }

    private void prepare(String sql) {
        PreparedInfo info = session.prepare(sql);
        prepared.add(info);
        out.write(new StmtPrepareOkPacket(info.statementId(), info.columns().size(), info.parameters().size(), session.warningCount()));
        results.writeDefinitions(info.parameters());
        results.writeDefinitions(info.columns());
    }

    private void execute(MySqlPayload payload) {
        int id = ComStmtExecutePacket.peekStatementId(payload);
        PreparedStatements.Statement statement = prepared.get(id);
        if (statement == null) {
            throw ErrorCode.UNKNOWN_STMT_HANDLER.error(Integer.toUnsignedString(id), "mysqld_stmt_execute");
        }
        ComStmtExecutePacket packet;
        try {
            packet = new ComStmtExecutePacket(payload, statement.parameterCount(), statement.boundTypes(), statement.longData());
        } finally {
            // Long data belongs to one execution, whether it decodes or not.
            statement.clearLongData();
        }
        if (packet.newParamsBound()) {
            statement.bind(packet.types());
        }
        StatementResult result = session.executePrepared(id, packet.values());
        results.write(result, false, true);
    }

    private void setOption(int option) {
        if (option != ComSetOptionPacket.MULTI_STATEMENTS_ON && option != ComSetOptionPacket.MULTI_STATEMENTS_OFF) {
            throw ErrorCode.UNKNOWN_COM.error();
        }
        // As in mysqld, the option works whatever the client announced at login, and the answer
        // is an EOF (an OK with the 0xFE header under CLIENT_DEPRECATE_EOF).
        session.setMultiStatements(option == ComSetOptionPacket.MULTI_STATEMENTS_ON);
        results.writeEnd(results.status(false));
    }

    private void kill(long target) {
        try {
            session.kill(target, false);
        } catch (StrataException e) {
            // a connection still authenticating has no session yet, but it can be dropped
            Channel pending = registry.find(target).orElse(null);
            if (e.code() != ErrorCode.NO_SUCH_THREAD || pending == null) {
                throw e;
            }
            pending.close();
        }
        if (target != connectionId) {
            ok();
        }
    }

    private String statistics() {
        long uptime = stats.uptimeSeconds();
        return String.format(Locale.ROOT,
                "Uptime: %d  Threads: %d  Questions: %d  Slow queries: 0  Opens: 0  Flush tables: 0  Open tables: 0  Queries per second avg: %.3f",
                uptime, registry.size(), stats.questions(), (double) stats.questions() / uptime);
    }
}
