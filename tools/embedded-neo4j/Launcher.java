import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs a real Neo4j Community DBMS in this JVM with Bolt on 127.0.0.1, for the Node API to talk to.
 *
 * <p>Usage: {@code java -cp 'lib/*' Launcher.java <homeDir> <boltPort> <pageCacheMiB>}.
 *
 * <p>Protocol with the parent process (src/db/embedded-neo4j.ts):
 * <ul>
 *   <li>one line {@code NEO4J_READY <port>} on stdout once Bolt accepts connections;
 *   <li>one line {@code NEO4J_FAILED <reason>} on stderr and exit code 1 when start-up fails;
 *   <li>the DBMS shuts down cleanly on SIGTERM and as soon as stdin closes, which is how a dead
 *       parent (even one killed with SIGKILL) is noticed, so no JVM is ever orphaned.
 * </ul>
 */
public final class Launcher {
  private static final AtomicBoolean STOPPING = new AtomicBoolean(false);

  public static void main(String[] args) {
    if (args.length != 3) {
      fail("expected arguments <homeDir> <boltPort> <pageCacheMiB>, got " + args.length);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = parse(args[1], "boltPort");
    int pageCacheMiB = parse(args[2], "pageCacheMiB");

    DatabaseManagementService dbms;
    try {
      dbms =
          new DatabaseManagementServiceBuilder(home)
              .setConfig(BoltConnector.enabled, true)
              .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
              .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
              .setConfig(GraphDatabaseSettings.auth_enabled, false)
              .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMiB))
              .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
              // udc_enabled is the setting named dbms.usage_report.enabled.
              .setConfig(GraphDatabaseSettings.udc_enabled, false)
              // Bolt's Netty shutdown otherwise waits ~10 s after the databases are already closed.
              .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
              .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
              .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
              .build();
      // build() returns before a broken store surfaces; touching the default database makes
      // a corrupt data folder fail here, with a message, instead of on the first query.
      dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
    } catch (Throwable error) {
      fail(rootMessage(error));
      return;
    }

    DatabaseManagementService started = dbms;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "neo4j-shutdown"));
    watchParent();
    System.out.println("NEO4J_READY " + port);
    System.out.flush();
  }

  /** Exits (running the shutdown hook) once stdin reaches end of file: the parent is gone. */
  private static void watchParent() {
    Thread watcher =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                byte[] buffer = new byte[256];
                while (in.read(buffer) != -1) {
                  // The parent never writes; any bytes are ignored.
                }
              } catch (IOException ignored) {
                // A broken pipe means the same as end of file.
              }
              System.exit(0);
            },
            "parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void stop(DatabaseManagementService dbms) {
    if (STOPPING.compareAndSet(false, true)) {
      dbms.shutdown();
    }
  }

  private static int parse(String value, String name) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException error) {
      fail("expected " + name + " to be an integer, got '" + value + "'");
      return -1;
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    StringBuilder chain = new StringBuilder(String.valueOf(error.getMessage()));
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
      chain.append(" <- ").append(root.getMessage());
    }
    return chain.toString().replace('\n', ' ');
  }

  private static void fail(String reason) {
    System.err.println("NEO4J_FAILED " + reason);
    System.err.flush();
    Runtime.getRuntime().halt(1);
  }
}
