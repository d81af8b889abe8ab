package dev.outbox.it.two;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.outbox.cdi.internal.Counters;
import dev.outbox.it.app.Events;
import dev.outbox.it.app.Note;

/**
 * Lets {@code TwoRelaysIT}, on the client, write records concurrently (POST {@code
 * prefix,keys,records}) and read how many records this application's own relay has sent (GET).
 */
@WebServlet("/relay-share")
public class RelayShareServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject Events events;
    @Inject Counters counters;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().print(counters.dispatched());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String prefix = req.getParameter("prefix");
        int keys = Integer.parseInt(req.getParameter("keys"));
        int records = Integer.parseInt(req.getParameter("records"));
        int threads = 8;
        int perTransaction = 10;
        int transactionsPerThread = records / threads / perTransaction;
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(
                    executor.submit(
                            () -> {
                                for (int x = 0; x < transactionsPerThread; x++) {
                                    List<Note> batch = new ArrayList<>();
                                    for (int i = 0; i < perTransaction; i++) {
                                        int n =
                                                (thread * transactionsPerThread + x)
                                                                * perTransaction
                                                        + i;
                                        batch.add(
                                                new Note(prefix + (n % keys), Integer.toString(n)));
                                    }
                                    events.fireAll(batch);
                                }
                            }));
        }
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        resp.getWriter().print(threads * transactionsPerThread * perTransaction);
    }
}
