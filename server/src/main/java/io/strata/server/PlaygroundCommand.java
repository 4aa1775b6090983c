package io.strata.server;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code strata playground}: PD, one store and the SQL frontend in one JVM, data in a local folder. */
@Command(name = "playground", mixinStandardHelpOptions = true,
        description = "Start PD (TSO), one store and the MySQL frontend in one process.")
final class PlaygroundCommand implements Callable<Integer> {
    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = {"-P", "--port"}, description = "MySQL port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 4000;

    @Option(names = "--data-dir", description = "Folder for all data; created if missing (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("data");

    @Option(names = "--root-password", description = "Password of root@'%%' (default: empty).")
    String rootPassword = "";

    @Option(names = "--secure-file-priv", description = "The only folder LOAD DATA INFILE (without LOCAL) may read from"
            + " (default: none, server-side LOAD DATA is refused as MySQL does with secure_file_priv NULL).")
    Path secureFilePriv;

    @Override
    public Integer call() throws Exception {
        Playground playground = Playground.start(new Playground.Options(host, port, dataDir, rootPassword, secureFilePriv));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("strata: shutting down");
            playground.close();
            stopped.countDown();
        }, "strata-shutdown"));
        System.out.printf("Strata %s playground is ready (data in %s).%n", Playground.VERSION, dataDir.toAbsolutePath());
        System.out.printf("Connect with: mysql -h %s -P %d -u root%s%n", host, playground.port(),
                rootPassword.isEmpty() ? "" : " -p");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
