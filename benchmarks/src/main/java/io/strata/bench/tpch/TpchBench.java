package io.strata.bench.tpch;

import io.strata.bench.jdbc.Endpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code java -cp benchmarks/target/benchmarks.jar io.strata.bench.tpch.TpchBench --sf 0.1
 * --target mysql://root:@127.0.0.1:4000 --peer duckdb}; {@code bench/tpch.sh} starts a playground
 * and calls this. Exit status 0 when the run completed (whatever the engine answered), 2 when the
 * harness itself failed.
 */
@Command(name = "tpch", mixinStandardHelpOptions = true,
        description = "TPC-H side by side: load, run the 22 queries on the engine under test and on a peer, compare, report.")
public final class TpchBench implements Callable<Integer> {
    @Option(names = "--sf", description = "scale factor (default ${DEFAULT-VALUE})", defaultValue = "0.1")
    double sf;

    @Option(names = "--target", required = true, description = "engine under test: mysql://user:password@host:port")
    String target;

    @Option(names = "--target-init", description = "SQL run on each new connection to the target (repeatable), e.g. to choose an engine")
    List<String> targetInit = new ArrayList<>();

    @Option(names = "--target-name", defaultValue = "strata")
    String targetName;

    @Option(names = "--peer", defaultValue = "duckdb", description = "peer: duckdb, duckdb:/file or mysql://... (default ${DEFAULT-VALUE})")
    String peer;

    @Option(names = "--peer-name", defaultValue = "duckdb")
    String peerName;

    @Option(names = "--database", defaultValue = "tpch")
    String database;

    @Option(names = "--queries", defaultValue = "1-22", description = "e.g. 1-22 or 1,3,6 (default ${DEFAULT-VALUE})")
    String queries;

    @Option(names = "--runs", defaultValue = "1", description = "runs per query; the median is reported (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--batch-rows", defaultValue = "50000", description = "rows per LOAD DATA LOCAL INFILE statement (default ${DEFAULT-VALUE})")
    int batchRows;

    @Option(names = "--query-timeout", defaultValue = "900", description = "seconds (default ${DEFAULT-VALUE})")
    int queryTimeout;

    @Option(names = "--skip-load", description = "reuse the target's tables from an earlier run (the peer is always loaded)")
    boolean skipLoad;

    @Option(names = "--results-dir", defaultValue = "results")
    Path resultsDir;

    @Option(names = "--doc", description = "regenerate this Markdown file's section (e.g. docs/benchmarks.md)")
    Path doc;

    @Option(names = "--doc-section", defaultValue = "tpch")
    String docSection;

    @Option(names = "--command", defaultValue = "", description = "the command line to quote in the report")
    String command;

    @Override
    public Integer call() throws Exception {
        // The socket timeout backs up the statement timeout: a server that ignores KILL QUERY still
        // cannot hold the run longer than the query timeout plus a minute.
        int socketTimeout = queryTimeout + 60;
        TpchRunner.Config config = new TpchRunner.Config(sf,
                Endpoint.parse(targetName, target, socketTimeout).withInitStatements(targetInit),
                Endpoint.parse(peerName, peer, socketTimeout),
                database, parseQueries(queries), runs, batchRows, queryTimeout, skipLoad, resultsDir, Optional.ofNullable(doc),
                docSection, command.isEmpty() ? "bench/tpch.sh --sf " + sf : command);
        new TpchRunner(config, System.out).run();
        return 0;
    }

    static List<Integer> parseQueries(String spec) {
        List<Integer> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            if (dash > 0) {
                int a = Integer.parseInt(p.substring(0, dash).trim());
                int b = Integer.parseInt(p.substring(dash + 1).trim());
                for (int i = a; i <= b; i++) {
                    out.add(i);
                }
            } else if (!p.isEmpty()) {
                out.add(Integer.parseInt(p));
            }
        }
        for (int q : out) {
            TpchQueries.query(q);
        }
        return out;
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new TpchBench());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            e.printStackTrace();
            return 2;
        });
        System.exit(cl.execute(args));
    }
}
