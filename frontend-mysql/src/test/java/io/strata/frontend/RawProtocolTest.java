package io.strata.frontend;

import io.strata.frontend.RawMySqlClient.Packet;
import io.strata.frontend.packet.Capabilities;
import io.strata.frontend.packet.MySqlPayload;
import io.strata.frontend.packet.OkPacket;
import io.strata.frontend.packet.StatusFlags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Packet-level tests over a socket: commands, prepared statements, malformed input, limits, back-pressure. */
class RawProtocolTest {
    private static final int NO_EOF_CAPS = RawMySqlClient.DEFAULT_CAPS & ~Capabilities.CLIENT_DEPRECATE_EOF;

    private FakeQueryEngine engine;
    private MySqlServer server;
    private int port;

    @BeforeEach
    void start() {
        engine = new FakeQueryEngine().withAccount("root", "");
        server = new MySqlServer(engine, TestKeys.config().withThreads(1, 4));
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawMySqlClient loggedIn(int caps) throws IOException {
        RawMySqlClient client = new RawMySqlClient(port);
        Packet ok = client.login("root", caps, null);
        assertTrue(ok.isOk(), () -> "login failed: " + (ok.isErr() ? ok.errorMessage() : ""));
        assertEquals(2, ok.sequenceId());
        return client;
    }

    private static int status(Packet endMarker) {
        MySqlPayload p = endMarker.asPayload();
        if (endMarker.payload().length == 5) {
            p.readInt1();
            p.readInt2();
            return p.readInt2();
        }
        return OkPacket.decode(p).statusFlags();
    }

    @Test
    void resultSetWithAndWithoutDeprecateEof() throws IOException {
        try (RawMySqlClient client = loggedIn(NO_EOF_CAPS)) {
            client.query("SELECT 1");
            List<Packet> packets = client.readResponse(false);
            assertEquals(5, packets.size());
            assertEquals(5, packets.get(2).payload().length, "EOF after column definitions");
            assertEquals(5, packets.get(4).payload().length, "EOF after rows");
            assertEquals(StatusFlags.SERVER_STATUS_AUTOCOMMIT, status(packets.get(4)));
            assertEquals("1", packets.get(3).asPayload().readStringLenenc());
            for (int i = 0; i < packets.size(); i++) {
                assertEquals(i + 1, packets.get(i).sequenceId());
            }
        }
        try (RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
            client.query("SELECT 1");
            List<Packet> packets = client.readResponse(true);
            assertEquals(4, packets.size());
            assertEquals(0xfe, packets.get(3).header());
            assertTrue(packets.get(3).payload().length >= 7, "OK packet with EOF header");
        }
    }

    @Test
    void multiStatementResultsCarryMoreResultsFlag() throws IOException {
        try (RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS | Capabilities.CLIENT_MULTI_STATEMENTS)) {
            client.query("SELECT 1; INSERT INTO t VALUES (1); SELECT 2");
            List<Packet> first = client.readResponse(true);
            assertTrue((status(first.get(first.size() - 1)) & StatusFlags.SERVER_MORE_RESULTS_EXISTS) != 0);
            Packet insert = client.read();
            OkPacket ok = OkPacket.decode(insert.asPayload());
            assertEquals(3, ok.affectedRows());
            assertEquals(42, ok.lastInsertId());
            assertEquals("Records: 3  Duplicates: 0  Warnings: 0", ok.info());
            assertTrue((ok.statusFlags() & StatusFlags.SERVER_MORE_RESULTS_EXISTS) != 0);
            List<Packet> last = client.readResponse(true);
            assertEquals(0, status(last.get(last.size() - 1)) & StatusFlags.SERVER_MORE_RESULTS_EXISTS);
            client.query("SELECT 1; SELECT * FROM missing; SELECT 2");
            client.readResponse(true);
            Packet err = client.read();
            assertTrue(err.isErr());
            assertEquals(1146, err.errorCode());
        }
    }

    @Test
    void setOptionSwitchesMultiStatements() throws IOException {
        try (RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
            client.query("SELECT 1; SELECT 2");
            assertEquals(1064, client.read().errorCode(), "no CLIENT_MULTI_STATEMENTS at login");
            client.command(0x1b, new byte[]{0, 0}); // COM_SET_OPTION MYSQL_OPTION_MULTI_STATEMENTS_ON
            Packet on = client.read();
            assertEquals(0xfe, on.header());
            assertEquals(1, on.sequenceId());
            client.query("SELECT 1; SELECT 2");
            List<Packet> first = client.readResponse(true);
            assertEquals("1", first.get(2).asPayload().readStringLenenc());
            assertTrue((status(first.get(first.size() - 1)) & StatusFlags.SERVER_MORE_RESULTS_EXISTS) != 0);
            List<Packet> second = client.readResponse(true);
            assertEquals("2", second.get(2).asPayload().readStringLenenc());
            client.command(0x1b, new byte[]{1, 0}); // MYSQL_OPTION_MULTI_STATEMENTS_OFF
            assertEquals(0xfe, client.read().header());
            client.query("SELECT 1; SELECT 2");
            assertEquals(1064, client.read().errorCode());
            client.command(0x1b, new byte[]{2, 0}); // no such option
            assertEquals(1047, client.read().errorCode());
        }
        try (RawMySqlClient client = loggedIn(NO_EOF_CAPS | Capabilities.CLIENT_MULTI_STATEMENTS)) {
            client.command(0x1b, new byte[]{1, 0});
            Packet eof = client.read();
            assertEquals(5, eof.payload().length, "a real EOF packet without CLIENT_DEPRECATE_EOF");
            client.query("SELECT 1; SELECT 2");
            assertEquals(1064, client.read().errorCode(), "OFF overrides the login capability");
        }
    }

    @Test
    void loadDataLocalStreamsTheFileInPackets() throws IOException {
        try (RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS | Capabilities.CLIENT_LOCAL_FILES)) {
            client.query("LOAD DATA LOCAL INFILE '/tmp/rows.csv' INTO TABLE t");
            Packet request = client.read();
            assertEquals(0xfb, request.header());
            assertEquals(1, request.sequenceId());
            assertEquals("/tmp/rows.csv", new String(request.payload(), 1, request.payload().length - 1, StandardCharsets.UTF_8));
            byte[] chunk = new byte[70_000];
            int seq = 2;
            for (int i = 0; i < 100; i++) { // more packets than the server queues before it pauses reads
                client.write(seq++ & 0xff, chunk);
            }
            client.write(seq++ & 0xff, new byte[0]);
            Packet ok = client.read();
            assertTrue(ok.isOk(), () -> ok.isErr() ? ok.errorMessage() : "");
            assertEquals(seq & 0xff, ok.sequenceId(), "the answer continues after the client's empty packet");
            assertEquals(7_000_000, OkPacket.decode(ok.asPayload()).affectedRows());
            client.command(0x0e, new byte[0]);
            assertTrue(client.read().isOk(), "back to commands");

            // a statement failing half way: the server drops the rest of the file, then answers
            client.query("LOAD DATA LOCAL INFILE 'fail' INTO TABLE t");
            assertEquals(0xfb, client.read().header());
            client.write(2, "abc".getBytes(StandardCharsets.UTF_8));
            client.write(3, "def".getBytes(StandardCharsets.UTF_8));
            client.write(4, new byte[0]);
            Packet err = client.read();
            assertEquals(1317, err.errorCode());
            assertEquals(5, err.sequenceId());
            client.query("SELECT 1");
            assertEquals("1", client.readResponse(true).get(2).asPayload().readStringLenenc());
        }
        try (RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS | Capabilities.CLIENT_LOCAL_FILES
                | Capabilities.CLIENT_MULTI_STATEMENTS)) {
            // two files in one multi-statement text: each exchange continues the same sequence
            client.query("LOAD DATA LOCAL INFILE 'one' INTO TABLE t; LOAD DATA LOCAL INFILE 'two' INTO TABLE t");
            Packet first = client.read();
            assertEquals(1, first.sequenceId());
            client.write(2, "12".getBytes(StandardCharsets.UTF_8));
            client.write(3, new byte[0]);
            Packet ok1 = client.read();
            assertEquals(4, ok1.sequenceId());
            assertEquals(2, OkPacket.decode(ok1.asPayload()).affectedRows());
            assertTrue((OkPacket.decode(ok1.asPayload()).statusFlags() & StatusFlags.SERVER_MORE_RESULTS_EXISTS) != 0);
            Packet second = client.read();
            assertEquals(0xfb, second.header());
            assertEquals(5, second.sequenceId());
            client.write(6, "345".getBytes(StandardCharsets.UTF_8));
            client.write(7, new byte[0]);
            Packet ok2 = client.read();
            assertEquals(8, ok2.sequenceId());
            assertEquals(3, OkPacket.decode(ok2.asPayload()).affectedRows());
        }
    }

    @Test
    void loadDataLocalNeedsTheCapabilityAndSurvivesAClientThatGoesAway() throws IOException {
        try (RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
            client.query("LOAD DATA LOCAL INFILE 'x' INTO TABLE t");
            Packet err = client.read();
            assertEquals(3948, err.errorCode());
            assertEquals("42000", err.sqlState());
        }
        try (RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS | Capabilities.CLIENT_LOCAL_FILES)) {
            client.query("LOAD DATA LOCAL INFILE 'x' INTO TABLE t");
            assertEquals(0xfb, client.read().header());
            client.write(2, "half a file".getBytes(StandardCharsets.UTF_8));
        }
        try (RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
            client.command(0x0e, new byte[0]);
            assertTrue(client.read().isOk(), "the server serves others");
        }
    }

    @Test
    void simpleCommands() throws IOException {
        try (RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
            client.command(0x0e, new byte[0]); // COM_PING
            assertTrue(client.read().isOk());
            client.command(0x02, "test".getBytes(StandardCharsets.UTF_8)); // COM_INIT_DB
            assertTrue(client.read().isOk());
            client.query("SELECT DATABASE()");
            assertEquals("test", client.readResponse(true).get(2).asPayload().readStringLenenc());
            client.command(0x02, "nope".getBytes(StandardCharsets.UTF_8));
            Packet bad = client.read();
            assertEquals(1049, bad.errorCode());
            assertEquals("42000", bad.sqlState());
            assertEquals("Unknown database 'nope'", bad.errorMessage());
            client.command(0x09, new byte[0]); // COM_STATISTICS
            String stats = new String(client.read().payload(), StandardCharsets.UTF_8);
            assertTrue(stats.startsWith("Uptime: ") && stats.contains("Threads: 1") && stats.contains("Questions: "), stats);
            client.command(0x1b, new byte[]{1, 0}); // COM_SET_OPTION multi-statements off
            assertEquals(0xfe, client.read().header());
            client.command(0x1f, new byte[0]); // COM_RESET_CONNECTION
            assertTrue(client.read().isOk());
            client.command(0x42, new byte[0]);
            Packet unknown = client.read();
            assertEquals(1047, unknown.errorCode());
            assertEquals("08S01", unknown.sqlState());
            client.command(0x0d, new byte[0]); // COM_DEBUG: not supported
            assertEquals(1047, client.read().errorCode());
            client.command(0x0e, new byte[0]);
            assertTrue(client.read().isOk(), "connection still usable");
        }
    }

    @Test
    void fieldList() throws IOException {
        try (RawMySqlClient client = loggedIn(NO_EOF_CAPS)) {
            client.command(0x04, "types\0".getBytes(StandardCharsets.UTF_8));
            int columns = 0;
            Packet p;
            while (!(p = client.read()).isEof()) {
                MySqlPayload payload = p.asPayload();
                assertEquals("def", payload.readStringLenenc());
                columns++;
            }
            assertEquals(FakeQueryEngine.TYPES_COLUMNS.size(), columns);
            client.command(0x04, "nope\0".getBytes(StandardCharsets.UTF_8));
            assertEquals(1146, client.read().errorCode());
        }
    }

    @Test
    void processKillClosesTheTarget() throws IOException {
        try (RawMySqlClient killer = loggedIn(RawMySqlClient.DEFAULT_CAPS); RawMySqlClient victim = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
            long victimId = victim.greeting().connectionId();
            killer.command(0x0c, le4(victimId));
            assertTrue(killer.read().isOk());
            assertTrue(victim.closedByServer());
            assertTrue(engine.kills().contains(victimId));
            killer.command(0x0c, le4(999_999));
            Packet err = killer.read();
            assertEquals(1094, err.errorCode());
            assertEquals("Unknown thread id: 999999", err.errorMessage());
        }
    }

    @Test
    void preparedStatementsOverTheWire() throws IOException {
        try (RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
            client.command(0x16, "SELECT ?, ?".getBytes(StandardCharsets.UTF_8));
            Packet prepareOk = client.read();
            MySqlPayload p = prepareOk.asPayload();
            assertEquals(0, p.readInt1());
            int id = (int) p.readInt4();
            assertEquals(0, p.readInt2(), "columns");
            assertEquals(2, p.readInt2(), "parameters");
            client.read();
            client.read(); // two parameter definitions, no EOF with DEPRECATE_EOF

            // First execution binds types: LONGLONG and VAR_STRING.
            ByteArrayOutputStream exec = new ByteArrayOutputStream();
            exec.writeBytes(le4(id));
            exec.write(0);
            exec.writeBytes(le4(1));
            exec.write(0); // null bitmap
            exec.write(1); // new params bound
            exec.writeBytes(new byte[]{0x08, 0, (byte) 0xfd, 0});
            exec.writeBytes(le8(-42));
            exec.write(3);
            exec.writeBytes("abc".getBytes(StandardCharsets.UTF_8));
            client.command(0x17, exec.toByteArray());
            List<Packet> rows = client.readResponse(true);
            MySqlPayload row = rows.get(3).asPayload();
            assertEquals(0, row.readInt1());
            assertEquals(0, row.readInt1(), "null bitmap");
            assertEquals(-42, row.readInt8());
            assertEquals("abc", row.readStringLenenc());

            // Second execution re-uses the types; the second parameter is NULL.
            exec.reset();
            exec.writeBytes(le4(id));
            exec.write(0);
            exec.writeBytes(le4(1));
            exec.write(0b10);
            exec.write(0);
            exec.writeBytes(le8(7));
            client.command(0x17, exec.toByteArray());
            rows = client.readResponse(true);
            row = rows.get(3).asPayload();
            row.readInt1();
            assertEquals(0b1000, row.readInt1(), "second column NULL (bit 1 + offset 2)");
            assertEquals(7, row.readInt8());

            // Long data for the second parameter.
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            chunk.writeBytes(le4(id));
            chunk.writeBytes(new byte[]{1, 0});
            chunk.writeBytes("long ".getBytes(StandardCharsets.UTF_8));
            client.command(0x18, chunk.toByteArray());
            chunk.reset();
            chunk.writeBytes(le4(id));
            chunk.writeBytes(new byte[]{1, 0});
            chunk.writeBytes("data".getBytes(StandardCharsets.UTF_8));
            client.command(0x18, chunk.toByteArray());
            exec.reset();
            exec.writeBytes(le4(id));
            exec.write(0);
            exec.writeBytes(le4(1));
            exec.write(0);
            exec.write(0);
            exec.writeBytes(le8(1));
            client.command(0x17, exec.toByteArray());
            rows = client.readResponse(true);
            row = rows.get(3).asPayload();
            row.readInt1();
            row.readInt1();
            row.readInt8();
            assertEquals("long data", row.readStringLenenc());

            client.command(0x1a, le4(id)); // COM_STMT_RESET
            assertTrue(client.read().isOk());
            client.command(0x19, le4(id)); // COM_STMT_CLOSE: no answer
            client.command(0x17, exec.toByteArray());
            Packet unknown = client.read();
            assertEquals(1243, unknown.errorCode());
            assertEquals("Unknown prepared statement handler (" + id + ") given to mysqld_stmt_execute", unknown.errorMessage());
        }
    }

    @Test
    void malformedCommandClosesOnlyThatConnection() throws IOException {
        try (RawMySqlClient bystander = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
            try (RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
                client.command(0x16, "SELECT ?".getBytes(StandardCharsets.UTF_8));
                MySqlPayload prepareOk = client.read().asPayload();
                prepareOk.readInt1();
                int id = (int) prepareOk.readInt4();
                client.read();
                // Execute whose parameter claims a 200-byte string in a 5-byte remainder.
                ByteArrayOutputStream exec = new ByteArrayOutputStream();
                exec.writeBytes(le4(id));
                exec.write(0);
                exec.writeBytes(le4(1));
                exec.write(0);
                exec.write(1);
                exec.writeBytes(new byte[]{(byte) 0xfd, 0});
                exec.write(200);
                exec.writeBytes("short".getBytes(StandardCharsets.UTF_8));
                client.command(0x17, exec.toByteArray());
                Packet err = client.read();
                assertEquals(1158, err.errorCode());
                assertEquals("08S01", err.sqlState());
                assertTrue(client.closedByServer());
            }
            bystander.command(0x0e, new byte[0]);
            assertTrue(bystander.read().isOk());
        }
        try (RawMySqlClient fresh = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
            fresh.query("SELECT 1");
            assertEquals(3, fresh.readResponse(true).size() - 1);
        }
    }

    @Test
    void emptyCommandPacketIsMalformed() throws IOException {
        try (RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
            client.write(0, new byte[0]);
            Packet err = client.read();
            assertEquals(1158, err.errorCode());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void garbageHandshakeIsRefused() throws IOException {
        try (RawMySqlClient client = new RawMySqlClient(port)) {
            client.readGreeting();
            client.write(1, new byte[]{1, 2, 3});
            Packet err = client.read();
            assertEquals(1043, err.errorCode());
            assertEquals("Bad handshake", err.errorMessage());
            assertTrue(client.closedByServer());
        }
        try (RawMySqlClient fresh = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
            fresh.command(0x0e, new byte[0]);
            assertTrue(fresh.read().isOk());
        }
    }

    @Test
    void packetLargerThanSessionMaxAllowedIsRejectedFromItsHeader() throws IOException {
        engine.withMaxAllowedPacket(4096);
        try (RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
            // The limit is the session's once logged in; the header alone (no payload) triggers it.
            client.writeRaw(new byte[]{(byte) 0x89, 0x13, 0x00, 0x00}); // announces 5001 bytes
            Packet err = client.read();
            assertEquals(1153, err.errorCode());
            assertEquals("08S01", err.sqlState());
            assertEquals(1, err.sequenceId());
            assertTrue(client.closedByServer());
        }
        try (RawMySqlClient fresh = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
            fresh.query("SELECT 1");
            assertEquals(4, fresh.readResponse(true).size());
        }
    }

    @Test
    void maxAllowedPacketBeforeLogin() throws IOException {
        try (MySqlServer small = new MySqlServer(engine, TestKeys.config().withThreads(1, 1)
                .withDefaultMaxAllowedPacket(1024)); RawMySqlClient client = new RawMySqlClient(small.start())) {
            client.readGreeting();
            client.writeRaw(new byte[]{0x01, 0x10, 0x00, 0x01}); // announces 4097 bytes, sends none
            Packet err = client.read();
            assertEquals(1153, err.errorCode());
            assertEquals("08S01", err.sqlState());
            assertEquals("Got a packet bigger than 'max_allowed_packet' bytes", err.errorMessage());
            assertEquals(2, err.sequenceId());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void clientThatNeverAuthenticatesIsDisconnected() throws Exception {
        try (MySqlServer strict = new MySqlServer(engine, TestKeys.config().withThreads(1, 1)
                .withConnectTimeout(java.time.Duration.ofSeconds(2)))) {
            int strictPort = strict.start();
            try (RawMySqlClient idle = new RawMySqlClient(strictPort); RawMySqlClient active = new RawMySqlClient(strictPort)) {
                assertTrue(active.login("root", RawMySqlClient.DEFAULT_CAPS, null).isOk());
                idle.readGreeting();
                assertTrue(idle.closedByServer());
                active.command(0x0e, new byte[0]);
                assertTrue(active.read().isOk(), "an authenticated connection outlives the connect timeout");
            }
        }
    }

    @Test
    void tooManyConnections() throws IOException {
        try (MySqlServer one = new MySqlServer(engine, TestKeys.config().withThreads(1, 1).withMaxConnections(1))) {
            int onePort = one.start();
            try (RawMySqlClient first = new RawMySqlClient(onePort); RawMySqlClient second = new RawMySqlClient(onePort)) {
                first.readGreeting();
                Packet err = second.read();
                assertEquals(1040, err.errorCode());
                assertEquals("Too many connections", err.errorMessage());
                assertTrue(second.closedByServer());
            }
        }
    }

    @Test
    void quitClosesSession() throws Exception {
        RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS);
        client.command(0x01, new byte[0]);
        assertTrue(client.closedByServer());
        client.close();
        for (int i = 0; i < 100 && engine.closedSessions() == 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(1, engine.closedSessions());
    }

    @Test
    void fuzzedCommandsNeverTakeTheServerDown() throws IOException {
        Random random = new Random(20240105);
        int[] commands = {0x02, 0x04, 0x11, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, -1, -2};
        for (int round = 0; round < 40; round++) {
            try (RawMySqlClient client = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
                for (int i = 0; i < 5; i++) {
                    byte[] args = new byte[random.nextInt(64)];
                    random.nextBytes(args);
                    int command = commands[random.nextInt(commands.length)];
                    try {
                        if (command == -1) {
                            client.write(0, new byte[0]);
                        } else {
                            // -2: any byte but QUIT, QUERY (the fake engine's SQL) and KILL
                            int code = command == -2 ? 0x1d + random.nextInt(200) : command;
                            client.command(code, args);
                            if (code == 0x18 || code == 0x19) {
                                continue; // no answer expected
                            }
                        }
                        Packet answer = client.read();
                        if (answer.isErr() && (answer.errorCode() == 1158 || answer.errorCode() == 1045 || answer.errorCode() == 1043)) {
                            assertTrue(client.closedByServer());
                            break;
                        }
                    } catch (IOException closed) {
                        break;
                    }
                }
            }
        }
        try (RawMySqlClient fresh = loggedIn(RawMySqlClient.DEFAULT_CAPS)) {
            fresh.query("SELECT 1");
            assertEquals("1", fresh.readResponse(true).get(2).asPayload().readStringLenenc());
        }
    }

    @Test
    void slowClientPausesRowProduction() throws Exception {
        long total = 200_000;
        try (RawMySqlClient client = new RawMySqlClient(port, 16 * 1024)) {
            Packet ok = client.login("root", RawMySqlClient.DEFAULT_CAPS, null);
            assertTrue(ok.isOk());
            client.query("SELECT * FROM big " + total + " 1000");
            // Wait until the server stops making progress while we do not read.
            long last = -1;
            int stable = 0;
            for (int i = 0; i < 200 && stable < 5; i++) {
                Thread.sleep(100);
                long now = engine.rowsPulled();
                stable = now == last ? stable + 1 : 0;
                last = now;
            }
            assertTrue(stable >= 5, "row production did not pause");
            assertTrue(last < total / 10, "server pulled " + last + " rows for a client that read nothing");
            List<Packet> packets = client.readResponse(true);
            assertEquals(total + 4, packets.size());
            assertEquals(total, engine.rowsPulled());
        }
    }

    @Test
    void clientLeavingMidResultReleasesResultAndSession() throws Exception {
        try (RawMySqlClient client = new RawMySqlClient(port, 16 * 1024)) {
            assertTrue(client.login("root", RawMySqlClient.DEFAULT_CAPS, null).isOk());
            client.query("SELECT * FROM big 1000000 1000");
            for (int i = 0; i < 10; i++) {
                client.read();
            }
        }
        for (int i = 0; i < 200 && (engine.closedResults() == 0 || engine.closedSessions() == 0); i++) {
            Thread.sleep(50);
        }
        assertEquals(1, engine.closedResults());
        assertEquals(1, engine.closedSessions());
        assertTrue(engine.rowsPulled() < 1_000_000);
    }

    @Test
    void slowClientsDoNotStarveOthers() throws Exception {
        try (MySqlServer small = new MySqlServer(engine, TestKeys.config().withThreads(1, 2))) {
            int smallPort = small.start();
            List<RawMySqlClient> stalled = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    RawMySqlClient client = new RawMySqlClient(smallPort, 16 * 1024);
                    stalled.add(client);
                    assertTrue(client.login("root", RawMySqlClient.DEFAULT_CAPS, null).isOk());
                    client.query("SELECT * FROM big 100000 1000");
                }
                // Four readers that never read, two worker threads: the next client is still served.
                try (RawMySqlClient other = new RawMySqlClient(smallPort)) {
                    assertTrue(other.login("root", RawMySqlClient.DEFAULT_CAPS, null).isOk());
                    other.query("SELECT 1");
                    assertEquals("1", other.readResponse(true).get(2).asPayload().readStringLenenc());
                }
            } finally {
                for (RawMySqlClient client : stalled) {
                    client.close();
                }
            }
        }
    }

    private static byte[] le4(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }

    private static byte[] le8(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }
}
