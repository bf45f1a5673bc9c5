package dev.cinnabar.kernel.aof;

import dev.cinnabar.api.rdb.RdbReader;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.exec.ClientContext;
import dev.cinnabar.kernel.net.Client;
import dev.cinnabar.kernel.persistence.RdbFile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Redis's {@code loadAppendOnlyFiles}: the base (RDB when it starts with {@code REDIS}, else
 * commands), then each incr file, replayed through the dispatcher by a client whose replies are
 * dropped and which never blocks. MULTI ... EXEC is applied as a whole at EXEC. Failures throw
 * {@link IllegalStateException} with Redis's log text; the caller treats them as fatal.
 */
final class AofLoader {

    private static final Logger LOG = LoggerFactory.getLogger(AppendOnlyFile.class);

    private final Server server;
    private final AppendOnlyFile aof;
    private final Client client = Client.scriptClient(-3);
    private final ClientContext context;
    private final ByteBuf replies = Unpooled.buffer(256);

    AofLoader(Server server, AppendOnlyFile aof) {
        this.server = server;
        this.aof = aof;
        this.context = new ClientContext(server, client);
        this.context.denyBlocking(true);
        client.protocol(2);
        client.writer().target(replies);
    }

    void loadAll(Path dir, AofManifest m) throws IOException {
        List<AofManifest.Entry> files = new ArrayList<>();
        if (m.base != null) {
            files.add(m.base);
        }
        files.addAll(m.incrs);
        for (AofManifest.Entry e : files) {
            if (!Files.exists(dir.resolve(e.name()))) {
                throw new IllegalStateException("The AOF file " + e.name() + " doesn't exist");
            }
        }
        long start = System.nanoTime();
        aof.loading(true);
        try {
            for (int i = 0; i < files.size(); i++) {
                AofManifest.Entry e = files.get(i);
                loadFile(dir.resolve(e.name()), e.name(), i == files.size() - 1, e.type() == AofManifest.Type.BASE);
            }
        } finally {
            aof.loading(false);
            replies.release();
        }
        LOG.info("DB loaded from append only file: {} seconds", String.format("%.3f", (System.nanoTime() - start) / 1e9));
    }

    private void loadFile(Path path, String name, boolean last, boolean base) throws IOException {
        byte[] data = Files.readAllBytes(path);
        if (data.length == 0) {
            return;
        }
        int pos = 0;
        // any file may start with an RDB part (a base written with the preamble, or a pre-7.0
        // single-file AOF whose commands go on after it: loadSingleAppendOnlyFile reads both)
        if (data.length >= 5 && new String(data, 0, 5, StandardCharsets.US_ASCII).equals("REDIS")) {
            boolean oldStyle = name.equals(aof.fileName());
            LOG.info(oldStyle ? "Reading RDB preamble from AOF file..." : "Reading RDB base file on AOF loading...");
            try {
                RdbFile.LoadResult r = RdbFile.load(data, server.keyspace(), server.persistence().codecs(),
                        server.persistenceContributors(), new ClientContext(server, Client.scriptClient(-2)),
                        server.config(), 0, false, server.loading()::progress);
                LOG.info("Loading RDB produced by version {}", dev.cinnabar.kernel.Version.REDIS);
                LOG.info("Done loading RDB, keys loaded: {}, keys expired: {}.", r.keysLoaded(), r.keysExpired());
                pos = r.end();
            } catch (RdbReader.Malformed ex) {
                throw new IllegalStateException((oldStyle ? "Error reading the RDB preamble of the AOF file "
                        : "Error reading the RDB base file ") + name + ", AOF loading aborted: " + ex.getMessage());
            }
            if (oldStyle) {
                LOG.info("Reading the remaining AOF tail...");
            }
        }
        Parser p = new Parser(data);
        p.pos = pos;
        int validUpTo = pos; // a cut tail never takes the RDB part with it
        int multiStart = -1;
        List<byte[][]> queued = null;
        while (true) {
            byte[][] argv;
            try {
                argv = p.next();
            } catch (Truncated t) {
                truncated(path, name, last, multiStart >= 0 ? multiStart : validUpTo, multiStart >= 0);
                return;
            } catch (BadFormat b) {
                throw new IllegalStateException("Bad file format reading the append only file " + name
                        + ": make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>");
            }
            if (argv == null) {
                if (multiStart >= 0) {
                    truncated(path, name, last, multiStart, true);
                }
                break;
            }
            String cmdName = new String(argv[0], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            if (cmdName.equals("multi")) {
                multiStart = validUpTo;
                queued = new ArrayList<>();
            } else if (cmdName.equals("exec") && queued != null) {
                for (byte[][] q : queued) {
                    run(q, name);
                }
                queued = null;
                multiStart = -1;
            } else {
                RegisteredCommand cmd = lookup(argv);
                if (cmd == null) {
                    throw new IllegalStateException("Unknown command '" + new String(argv[0], StandardCharsets.ISO_8859_1)
                            + "' reading the append only file " + name);
                }
                if (queued != null) {
                    queued.add(argv);
                } else {
                    run(argv, name);
                }
            }
            validUpTo = p.pos;
        }
        LOG.info("DB loaded from {} file {}", base ? "base" : "incr", name);
    }

    private void truncated(Path path, String name, boolean last, int validUpTo, boolean inMulti) throws IOException {
        if (!last) {
            LOG.warn("!!! Warning: short read while loading the AOF file {}!!!", name);
            throw new IllegalStateException("Fatal error: the truncated file is not the last file");
        }
        if (!server.config().getBoolean("aof-load-truncated")) {
            throw new IllegalStateException("Unexpected end of file reading the append only file " + name
                    + ". You can: 1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>. "
                    + "2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the server.");
        }
        LOG.warn("!!! Warning: short read while loading the AOF file {}!!!", name);
        LOG.warn("!!! Truncating the AOF {} at offset {} !!!", name, validUpTo);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.truncate(validUpTo);
            ch.force(true);
        }
        if (inMulti) {
            LOG.warn("Revert incomplete MULTI/EXEC transaction in AOF file {}", name);
        }
        LOG.warn("AOF {} loaded anyway because aof-load-truncated is enabled", name);
    }

    private void run(byte[][] argv, String name) {
        RegisteredCommand cmd = lookup(argv);
        if (cmd == null) {
            throw new IllegalStateException("Unknown command '" + new String(argv[0], StandardCharsets.ISO_8859_1)
                    + "' reading the append only file " + name);
        }
        replies.clear();
        server.dispatcher().replay(client, context, cmd, argv);
        replies.clear();
        long bytes = 0;
        for (byte[] a : argv) {
            bytes += a.length + 8; // with its RESP framing, roughly
        }
        server.loading().progress(bytes);
    }

    private RegisteredCommand lookup(byte[][] argv) {
        RegisteredCommand cmd = server.commands().lookup(argv[0]);
        if (cmd == null || argv.length < 2 || cmd.subcommands().isEmpty()) {
            return cmd;
        }
        return cmd.subcommand(new String(argv[1], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
    }

    static final class Truncated extends Exception {
        Truncated() {
            super(null, null, false, false);
        }
    }

    static final class BadFormat extends Exception {
        BadFormat() {
            super(null, null, false, false);
        }
    }

    /** RESP commands as Redis writes them to an AOF; lines starting with {@code #} are annotations. */
    static final class Parser {
        final byte[] d;
        int pos;

        Parser(byte[] d) {
            this.d = d;
        }

        /** The next command, null at a clean end of the data. */
        byte[][] next() throws Truncated, BadFormat {
            while (pos < d.length && d[pos] == '#') {
                int nl = indexOf('\n', pos);
                if (nl < 0) {
                    throw new Truncated();
                }
                pos = nl + 1;
            }
            if (pos >= d.length) {
                return null;
            }
            int p = pos;
            if (d[p] != '*') {
                throw new BadFormat();
            }
            long[] out = new long[1];
            p = number(p + 1, out);
            long argc = out[0];
            if (argc < 1 || argc > Integer.MAX_VALUE) {
                throw new BadFormat();
            }
            List<byte[]> args = new ArrayList<>();
            for (long i = 0; i < argc; i++) {
                if (p >= d.length) {
                    throw new Truncated();
                }
                if (d[p] != '$') {
                    throw new BadFormat();
                }
                p = number(p + 1, out);
                long len = out[0];
                if (len < 0) {
                    throw new BadFormat();
                }
                if (p + len + 2 > d.length) {
                    throw new Truncated();
                }
                byte[] a = java.util.Arrays.copyOfRange(d, p, (int) (p + len));
                p += (int) len;
                if (d[p] != '\r' || d[p + 1] != '\n') {
                    throw new BadFormat();
                }
                p += 2;
                args.add(a);
            }
            pos = p;
            return args.toArray(new byte[0][]);
        }

        private int number(int p, long[] out) throws Truncated, BadFormat {
            int nl = indexOf('\n', p);
            if (nl < 0) {
                throw new Truncated();
            }
            if (nl == p || d[nl - 1] != '\r') {
                throw new BadFormat();
            }
            try {
                out[0] = Long.parseLong(new String(d, p, nl - 1 - p, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new BadFormat();
            }
            return nl + 1;
        }

        private int indexOf(char c, int from) {
            for (int i = from; i < d.length; i++) {
                if (d[i] == c) {
                    return i;
                }
            }
            return -1;
        }
    }
}
