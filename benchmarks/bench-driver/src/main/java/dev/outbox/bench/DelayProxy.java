package dev.outbox.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on 127.0.0.1 that holds every chunk of bytes for a fixed time before passing it on,
 * in each direction: the latency of a network between the servers and the database or the broker,
 * which this machine (no netem, no root for tc) cannot add otherwise. Order is kept and bandwidth
 * is not limited; packet loss, jitter and bandwidth limits are not simulated, and the proxy's own
 * threads run on the same cores as everything else.
 */
final class DelayProxy implements AutoCloseable {

    /** A chunk read, and when it may be written. */
    private record Chunk(byte[] bytes, long dueNanos) {}

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final ServerSocket listener;
    private final String host;
    private final int port;
    private final long delayNanos;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * Listens on {@code listenPort} (0: a free port, see {@link #port()}) and forwards each
     * connection to {@code host:port}.
     *
     * @param oneWay the delay added in each direction
     */
    DelayProxy(int listenPort, String host, int port, Duration oneWay) throws IOException {
        this.host = host;
        this.port = port;
        this.delayNanos = oneWay.toNanos();
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
        Thread accept = new Thread(this::accept, "delay-proxy-" + listenPort);
        accept.setDaemon(true);
        accept.start();
    }

    /**
     * @return the port it listens on
     */
    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket(host, port);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("[bench] delay proxy: " + e);
                }
            }
        }
    }

    /** One direction: a reader that stamps each chunk, a writer that holds it until due. */
    private void pipe(Socket from, Socket to) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread reader =
                new Thread(
                        () -> {
                            byte[] buffer = new byte[65536];
                            try (InputStream in = from.getInputStream()) {
                                int n;
                                while ((n = in.read(buffer)) > 0) {
                                    queue.add(
                                            new Chunk(
                                                    Arrays.copyOf(buffer, n),
                                                    System.nanoTime() + delayNanos));
                                }
                            } catch (IOException e) {
                                // the other side closed
                            } finally {
                                queue.add(END);
                            }
                        },
                        "delay-proxy-read");
        Thread writer =
                new Thread(
                        () -> {
                            try (OutputStream out = to.getOutputStream()) {
                                while (true) {
                                    Chunk c = queue.take();
                                    if (c == END) {
                                        break;
                                    }
                                    long wait;
                                    while ((wait = c.dueNanos() - System.nanoTime()) > 0) {
                                        LockSupport.parkNanos(wait);
                                    }
                                    out.write(c.bytes());
                                    out.flush();
                                }
                            } catch (IOException e) {
                                // the other side closed
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } finally {
                                closeQuietly(from);
                                closeQuietly(to);
                            }
                        },
                        "delay-proxy-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        sockets.forEach(DelayProxy::closeQuietly);
    }
}
