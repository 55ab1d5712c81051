package uk.gov.westmere.search;

import static org.codelibs.opensearch.runner.OpenSearchRunner.newConfigs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.common.settings.Settings;

/**
 * A real OpenSearch cluster of several nodes in one JVM on 127.0.0.1, for development and CI.
 *
 * <p>Node n (1, 2, 3) serves HTTP on httpPort + n - 1 and talks to the others on transportPort + n - 1. Every
 * index gets one replica per shard, so any one node can stop and searches still find every document.
 *
 * <p>A small control endpoint on 127.0.0.1:controlPort lets tests stop and start single nodes:
 * {@code GET /nodes}, {@code POST /nodes/2/stop}, {@code POST /nodes/2/start}, {@code POST /shutdown}.
 */
public final class LocalCluster {
    private LocalCluster() {}

    public static void main(String[] args) throws Exception {
        int nodes = Integer.getInteger("nodes", 3);
        int httpPort = Integer.getInteger("httpPort", 9200);
        int transportPort = Integer.getInteger("transportPort", 9300);
        int controlPort = Integer.getInteger("controlPort", 9290);
        String basePath = System.getProperty("basePath", "target/cluster");
        String clusterName = System.getProperty("clusterName", "westmere-local");

        List<String> seeds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int n = 1; n <= nodes; n++) {
            seeds.add("127.0.0.1:" + (transportPort + n - 1));
            names.add("node-" + n);
        }

        OpenSearchRunner runner = new OpenSearchRunner();
        runner.onBuild((number, settings) -> {
            settings.put("node.name", "node-" + number);
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", httpPort + number - 1);
            settings.put("transport.port", transportPort + number - 1);
            settings.putList("discovery.seed_hosts", seeds);
            settings.putList("cluster.initial_cluster_manager_nodes", names);
            // Nodes start one after another in this JVM: don't wait 30 s for the cluster at each start.
            settings.put("discovery.initial_state_timeout", "1s");
            // A developer's or CI's disk is often fuller than a server's: don't stop allocating shards.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
        }).build(newConfigs()
                .basePath(basePath)
                .numOfNode(nodes)
                .baseHttpPort(httpPort - 1)
                .clusterName(clusterName)
                .printOnFailure());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(runner)));

        // One replica of every shard on another node, for every index the site creates.
        runner.client().admin().indices().preparePutTemplate("one-replica")
                .setPatterns(List.of("*"))
                .setOrder(0)
                .setSettings(Settings.builder().put("index.number_of_replicas", nodes > 1 ? 1 : 0))
                .get();
        runner.ensureYellow();

        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", controlPort), 0);
        control.createContext("/", exchange -> handle(exchange, runner, httpPort));
        control.start();
        System.out.printf("OpenSearch cluster '%s' is up: %d nodes, http://127.0.0.1:%d-%d (control on :%d)%n",
                clusterName, nodes, httpPort, httpPort + nodes - 1, controlPort);
    }

    private static void handle(HttpExchange exchange, OpenSearchRunner runner, int httpPort) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
        String method = exchange.getRequestMethod();
        int status = 200;
        String body;
        try {
            if (parts.length == 1 && parts[0].equals("nodes") && method.equals("GET")) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < runner.getNodeSize(); i++) {
                    boolean running = !runner.getNode(i).isClosed();
                    text.append(String.format("node-%d %s http://127.0.0.1:%d%n", i + 1,
                            running ? "running" : "stopped", httpPort + i));
                }
                body = text.toString();
            } else if (parts.length == 3 && parts[0].equals("nodes") && method.equals("POST")) {
                int index = Integer.parseInt(parts[1]) - 1;
                if (index < 0 || index >= runner.getNodeSize()) {
                    status = 404;
                    body = "No such node\n";
                } else if (parts[2].equals("stop")) {
                    runner.getNode(index).close();
                    body = "node-" + (index + 1) + " stopped\n";
                } else if (parts[2].equals("start")) {
                    runner.startNode(index);
                    body = "node-" + (index + 1) + " started\n";
                } else {
                    status = 404;
                    body = "Use stop or start\n";
                }
            } else if (parts.length == 1 && parts[0].equals("shutdown") && method.equals("POST")) {
                body = "shutting down\n";
                respond(exchange, status, body);
                new Thread(() -> System.exit(0)).start();
                return;
            } else {
                status = 404;
                body = "GET /nodes, POST /nodes/N/stop, POST /nodes/N/start, POST /shutdown\n";
            }
        } catch (RuntimeException | IOException error) {
            status = 500;
            body = error + "\n";
        }
        respond(exchange, status, body);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void closeQuietly(OpenSearchRunner runner) {
        try {
            if (!runner.isClosed()) {
                runner.close();
            }
        } catch (IOException error) {
            System.err.println("Could not close the cluster: " + error);
        }
    }
}
