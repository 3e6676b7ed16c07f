package reformkg.neo4jlocal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.dbms.api.DatabaseNotFoundException;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs an embedded Neo4j Community DBMS with the Bolt connector enabled, for
 * local tests. Started (and stopped with SIGTERM) by scripts/neo4j-local.sh.
 *
 * <pre>
 *   java -cp 'classes:lib/*' reformkg.neo4jlocal.Launcher HOME CONF READY_FILE
 * </pre>
 *
 * HOME is the Neo4j home (data/ and logs/ live below it), CONF a neo4j.conf
 * style file (the script writes listen address, memory, auth settings there).
 * The password for user {@code neo4j} comes from the environment variable
 * NEO4J_LOCAL_PASSWORD (not argv, so it does not show up in ps).
 * Once the DBMS is up, Bolt is listening and the password is set, the bound
 * Bolt address ("host:port") is written atomically to READY_FILE.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Launcher HOME CONF READY_FILE");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path conf = Path.of(args[1]).toAbsolutePath();
        Path ready = Path.of(args[2]).toAbsolutePath();
        String password = System.getenv("NEO4J_LOCAL_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("NEO4J_LOCAL_PASSWORD must be set (>= 8 chars)");
            System.exit(2);
        }
        Files.deleteIfExists(ready);

        long t0 = System.nanoTime();
        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .loadPropertiesFromFile(conf)
                    .build();
        } catch (Throwable e) {
            System.err.println("neo4j-launcher: failed to start DBMS: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("neo4j-launcher: shutting down");
            try {
                dbms.shutdown();
            } catch (Throwable e) {
                e.printStackTrace();
            }
            try {
                Files.deleteIfExists(ready);
            } catch (IOException ignored) {
                // best effort
            }
            System.err.println("neo4j-launcher: stopped");
            stopped.countDown();
        }, "neo4j-launcher-shutdown"));

        long t1 = System.nanoTime();
        try {
            setPassword(dbms, password);
            long t2 = System.nanoTime();
            GraphDatabaseAPI system = (GraphDatabaseAPI) dbms.database("system");
            String defaultDb = system.getDependencyResolver().resolveDependency(Config.class)
                    .get(GraphDatabaseSettings.initial_default_database);
            awaitDatabase(dbms, defaultDb, Duration.ofSeconds(60));
            ConnectorPortRegister ports = system.getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class);
            HostnamePort bolt = ports.getLocalAddress(ConnectorType.BOLT);
            if (bolt == null) {
                throw new IllegalStateException("Bolt connector is not listening (server.bolt.enabled?)");
            }
            Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
            Files.writeString(tmp, bolt.getHost() + ":" + bolt.getPort() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            System.err.printf("neo4j-launcher: ready, bolt://%s:%d (JVM up %.1f s, DBMS start %.1f s, password %.1f s)%n",
                    bolt.getHost(), bolt.getPort(),
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        } catch (Throwable e) {
            System.err.println("neo4j-launcher: startup failed: " + e);
            e.printStackTrace();
            System.exit(1); // runs the shutdown hook
        }
        stopped.await(); // until SIGTERM/SIGINT runs the shutdown hook
    }

    /** Waits until the named database exists and is available (it should be by now). */
    private static void awaitDatabase(DatabaseManagementService dbms, String name, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                if (dbms.database(name).isAvailable(1000)) {
                    if (attempts > 1) {
                        System.err.printf("neo4j-launcher: database '%s' available after %d attempts%n", name, attempts);
                    }
                    return;
                }
            } catch (DatabaseNotFoundException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("database '" + name + "' not available after " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /**
     * Sets the password of user neo4j. Embedded transactions bypass auth, so this
     * always works. The Cypher call costs ~3 s on a cold JVM, so it is skipped when
     * a marker in the data directory says the same password was set before.
     */
    private static void setPassword(DatabaseManagementService dbms, String password) throws Exception {
        GraphDatabaseService system = dbms.database("system");
        Path dataDir = ((GraphDatabaseAPI) system).getDependencyResolver()
                .resolveDependency(Config.class)
                .get(GraphDatabaseSettings.data_directory);
        Path marker = dataDir.resolve(".neo4j-local-password.sha256");
        String digest = sha256(password);
        if (Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).trim().equals(digest)) {
            return;
        }
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            // Re-running with an unchanged password is fine.
            if (!msg.contains("cannot be the same")) {
                throw e;
            }
        }
        Files.writeString(marker, digest + "\n", StandardCharsets.UTF_8);
    }

    private static String sha256(String s) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        for (byte b : d) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
