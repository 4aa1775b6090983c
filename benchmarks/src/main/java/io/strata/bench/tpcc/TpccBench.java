package io.strata.bench.tpcc;

import io.strata.bench.jdbc.Endpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code java -cp benchmarks/target/benchmarks.jar io.strata.bench.tpcc.TpccBench --warehouses 1
 * --time 60 --engine strata=mysql://root:@127.0.0.1:4000 --engine mariadb=mysql://root:@127.0.0.1:3306};
 * {@code bench/tpcc.sh} starts both servers and calls this.
 */
@Command(name = "tpcc", mixinStandardHelpOptions = true,
        description = "TPC-C-style mix (new-order, payment, order-status, delivery, stock-level) on one or more engines in turn.")
public final class TpccBench implements Callable<Integer> {
    @Option(names = "--engine", required = true, description = "name=mysql://user:password@host:port; repeat for side by side")
    List<String> engines;

    @Option(names = "--init", description = "name=SQL run on each new connection to that engine (repeatable)")
    List<String> init = new ArrayList<>();

    @Option(names = "--warehouses", defaultValue = "1")
    int warehouses;

    @Option(names = "--tiny", description = "reduced cardinalities (1,000 items, 30 customers per district) for smoke runs")
    boolean tiny;

    @Option(names = "--terminals", defaultValue = "4", description = "client threads (default ${DEFAULT-VALUE})")
    int terminals;

    @Option(names = "--time", defaultValue = "60", description = "measured seconds (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup", defaultValue = "10", description = "seconds before measuring (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--max-retries", defaultValue = "10")
    int maxRetries;

    @Option(names = "--seed", defaultValue = "20261125")
    long seed;

    @Option(names = "--batch-rows", defaultValue = "500")
    int batchRows;

    @Option(names = "--skip-load", description = "reuse the tables of an earlier run")
    boolean skipLoad;

    @Option(names = "--socket-timeout", defaultValue = "120",
            description = "seconds a statement may wait for the server's reply before it counts as an error (default ${DEFAULT-VALUE})")
    int socketTimeout;

    @Option(names = "--database", defaultValue = "tpcc")
    String database;

    @Option(names = "--results-dir", defaultValue = "results")
    Path resultsDir;

    @Option(names = "--doc")
    Path doc;

    @Option(names = "--doc-section", defaultValue = "tpcc")
    String docSection;

    @Option(names = "--command", defaultValue = "")
    String command;

    @Override
    public Integer call() throws Exception {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String spec : engines) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--engine wants name=mysql://..., got " + spec);
            }
            String name = spec.substring(0, eq);
            List<String> statements = new ArrayList<>();
            for (String i : init) {
                if (i.startsWith(name + "=")) {
                    statements.add(i.substring(name.length() + 1));
                }
            }
            endpoints.add(Endpoint.parse(name, spec.substring(eq + 1), socketTimeout).withInitStatements(statements));
        }
        TpccScale scale = tiny ? TpccScale.tiny(warehouses) : TpccScale.standard(warehouses);
        TpccRunner.Config config = new TpccRunner.Config(endpoints, database, scale, terminals, Duration.ofSeconds(seconds),
                Duration.ofSeconds(warmup), maxRetries, seed, batchRows, skipLoad, resultsDir, Optional.ofNullable(doc),
                docSection, command.isEmpty() ? "bench/tpcc.sh --warehouses " + warehouses + " --time " + seconds : command);
        new TpccRunner(config, System.out).run();
        return 0;
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new TpccBench());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            e.printStackTrace();
            return 2;
        });
        System.exit(cl.execute(args));
    }
}
