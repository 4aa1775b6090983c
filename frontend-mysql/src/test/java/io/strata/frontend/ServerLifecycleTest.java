package io.strata.frontend;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start, serve, close: close() ends connections, sessions and every thread the server started. */
class ServerLifecycleTest {
    @Test
    void closeStopsEverything() throws Exception {
        FakeQueryEngine engine = new FakeQueryEngine().withAccount("root", "");
        MySqlServer server = new MySqlServer(engine, TestKeys.config());
        int port = server.start();
        try (RawMySqlClient client = new RawMySqlClient(port)) {
            assertTrue(client.login("root", RawMySqlClient.DEFAULT_CAPS, null).isOk());
            assertEquals(1, server.connectionCount());
            server.close();
            assertTrue(client.closedByServer());
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        for (int i = 0; i < 100 && (engine.closedSessions() < 1 || !serverThreads().isEmpty()); i++) {
            Thread.sleep(50);
        }
        assertEquals(1, engine.closedSessions(), "the open session was closed");
        assertEquals(List.of(), serverThreads());
        server.close(); // idempotent
    }

    @Test
    void startTwiceIsRefused() throws IOException {
        try (MySqlServer server = new MySqlServer(new FakeQueryEngine(), TestKeys.config())) {
            server.start();
            assertThrows(IllegalStateException.class, server::start);
        }
    }

    private static List<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("strata-mysql")).collect(Collectors.toList());
    }
}
