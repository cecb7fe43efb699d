import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load on one URL of serve (issue 17): CLIENTS clients at once, each sending REQUESTS requests one after the other
 * with the given Authorization header (or, written {@code Cookie: SESSION=…}, a page session's cookie instead); prints
 * requests/s, the median and 95th percentile, and how many failed (anything but 200). bench/api-load.sh runs it for
 * tokens, Basic and page sessions. Usage: java bench/ApiLoad.java URL AUTHORIZATION [CLIENTS=50] [REQUESTS=40]
 */
public class ApiLoad {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("Usage: java bench/ApiLoad.java URL AUTHORIZATION|'Cookie: NAME=VALUE' [CLIENTS=50] [REQUESTS=40]");
            System.exit(2);
        }
        URI uri = URI.create(args[0]);
        String authorization = args[1];
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = (authorization.startsWith("Cookie: ")
                ? HttpRequest.newBuilder(uri).header("Cookie", authorization.substring("Cookie: ".length()))
                : HttpRequest.newBuilder(uri).header("Authorization", authorization))
                .timeout(Duration.ofSeconds(60)).build();
        AtomicInteger errors = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                for (int i = 0; i < requests; i++) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    }
                    catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - sent);
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%d clients x %d requests: %.1f requests/s, median %.0f ms, p95 %.0f ms, %d errors (%.1f s)%n",
                clients, requests, sorted.size() / seconds, sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.95)) / 1e6, errors.get(), seconds);
    }
}
