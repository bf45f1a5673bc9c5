package dev.cinnabar.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain socket that sends requests and returns each reply as its raw bytes, so tests can
 * compare exactly what two servers sent. Understands every RESP2 and RESP3 type.
 */
public final class RawConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawConnection(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes arguments as a multibulk request. */
    public static byte[] encode(byte[]... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            b.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(a);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }

    /**
     * Splits a command line the way redis-cli does: spaces separate arguments, double quotes group
     * and understand {@code \n \r \t \xHH \"}, single quotes group literally.
     */
    public static byte[][] split(String line) {
        List<byte[]> args = new ArrayList<>();
        int i = 0, n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            ByteArrayOutputStream cur = new ByteArrayOutputStream();
            char q = 0;
            while (i < n) {
                char c = line.charAt(i);
                if (q == 0 && c == ' ') {
                    break;
                }
                if (q == 0 && (c == '"' || c == '\'')) {
                    q = c;
                } else if (q != 0 && c == q) {
                    q = 0;
                } else if (q == '"' && c == '\\' && i + 1 < n) {
                    char e = line.charAt(++i);
                    switch (e) {
                        case 'n' -> cur.write('\n');
                        case 'r' -> cur.write('\r');
                        case 't' -> cur.write('\t');
                        case 'x' -> {
                            cur.write(Integer.parseInt(line.substring(i + 1, i + 3), 16));
                            i += 2;
                        }
                        default -> cur.write(e);
                    }
                } else {
                    cur.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
                i++;
            }
            args.add(cur.toByteArray());
        }
        return args.toArray(new byte[0][]);
    }

    /** Sends a command line (see {@link #split}) and returns the raw reply. */
    public byte[] call(String line) {
        return call(split(line));
    }

    /** Sends one request and returns the raw reply. */
    public byte[] call(byte[]... args) {
        write(encode(args));
        return readReply();
    }

    public void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(String text) {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads one complete reply (RESP3 attributes and pushes included) and returns its bytes. */
    public byte[] readReply() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            readValue(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** Waits up to {@code millis} for each later reply (10 s by default). */
    public RawConnection readTimeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** True when the server closed the connection (reads EOF within the timeout). */
    public boolean closedByServer(int timeoutMillis) {
        try {
            socket.setSoTimeout(timeoutMillis);
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Whether any bytes arrive within {@code timeoutMillis} (false also on EOF). */
    public boolean hasReplyWithin(int timeoutMillis) {
        try {
            socket.setSoTimeout(timeoutMillis);
            in.mark(1);
            int c = in.read();
            if (c < 0) {
                return false;
            }
            in.reset();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                socket.setSoTimeout(10_000);
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    /** Reads one value with all its nested elements; a count of values still owed, not recursion (replies nest 8000 deep). */
    private void readValue(ByteArrayOutputStream b) throws IOException {
        long owed = 1;
        while (owed > 0) {
            owed--;
            String line = readLine(b);
            char t = line.charAt(0);
            switch (t) {
                case '+', '-', ':', ',', '#', '_', '(' -> {
                }
                case '$', '=', '!' -> {
                    int n = Integer.parseInt(line.substring(1));
                    if (n >= 0) {
                        b.writeBytes(in.readNBytes(n + 2));
                    }
                }
                case '*', '~', '>' -> owed += Math.max(0, Integer.parseInt(line.substring(1)));
                case '%' -> owed += 2L * Math.max(0, Integer.parseInt(line.substring(1)));
                // an attribute's pairs, then the value it annotates
                case '|' -> owed += 2L * Integer.parseInt(line.substring(1)) + 1;
                default -> throw new IOException("unexpected reply type '" + t + "' in " + line);
            }
        }
    }

    private String readLine(ByteArrayOutputStream b) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed; read so far: " + Replies.show(b.toByteArray()) + sb);
            }
            b.write(c);
            if (c == '\r') {
                int lf = in.read();
                b.write(lf);
                return sb.toString();
            }
            sb.append((char) c);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
