package io.strata.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code strata} launcher. Today it starts the playground (every role in one JVM); the
 * separate {@code pd}, {@code store}, {@code learner} and {@code sql} roles arrive with
 * distribution and are not listed until they work.
 */
@Command(name = "strata", mixinStandardHelpOptions = true, versionProvider = StrataMain.Version.class,
        description = "Strata, a MySQL-compatible HTAP database.",
        subcommands = {PlaygroundCommand.class})
public final class StrataMain {
    public static void main(String[] args) {
        int code = new CommandLine(new StrataMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"strata " + Playground.VERSION};
        }
    }
}
