package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.Version;
import dev.cinnabar.kernel.exec.ClientContext;
import dev.cinnabar.kernel.net.Client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * HELLO, AUTH and RESET: the commands that set up (or reset) a connection's protocol,
 * authentication and identity. There is one user, {@code default}, whose password is
 * {@code requirepass} ({@code nopass} when that is empty), as in Redis without ACL rules.
 */
final class HandshakeCommands {

    private static final String DEFAULT_USER = "default";

    private final Server server;

    HandshakeCommands(Server server) {
        this.server = server;
    }

    void register(CommandRegistrar r) {
        r.redisCommand("hello", this::hello);
        r.redisCommand("auth", this::auth);
        r.redisCommand("reset", this::reset);
    }

    private void hello(CommandContext ctx, Arguments args, ReplySink reply) {
        Client client = ((ClientContext) ctx).connection();
        long version = 0;
        int next = 1;
        if (args.count() >= 2) {
            version = args.longValue(next++, AdminErrors.PROTOCOL_NOT_INTEGER);
            if (version < 2 || version > 3) {
                throw new CommandException(AdminErrors.NOPROTO);
            }
        }
        byte[] user = null;
        byte[] password = null;
        byte[] name = null;
        for (int j = next; j < args.count(); j++) {
            int more = args.count() - 1 - j;
            if (args.is(j, "AUTH") && more >= 2) {
                client.redact(j + 1);
                client.redact(j + 2);
                user = args.get(j + 1);
                password = args.get(j + 2);
                j += 2;
            } else if (args.is(j, "SETNAME") && more >= 1) {
                name = args.get(j + 1);
                j++;
            } else {
                throw new CommandException(AdminErrors.helloOption(AdminErrors.cString(args.string(j))));
            }
        }
        if (user != null && !authenticate(client, user, password)) {
            throw new CommandException(AdminErrors.WRONGPASS);
        }
        if (needsAuth(client)) {
            throw new CommandException(AdminErrors.HELLO_NOAUTH);
        }
        if (name != null) {
            ClientCommands.setName(client, name);
        }
        if (version != 0) {
            // switched before the reply, so HELLO 3 is answered in RESP3
            client.protocol((int) version);
        }
        reply.map(7);
        reply.bulk("server");
        reply.bulk("redis");
        reply.bulk("version");
        reply.bulk(Version.REDIS);
        reply.bulk("proto");
        reply.integer(client.protocol());
        reply.bulk("id");
        reply.integer(client.id());
        reply.bulk("mode");
        reply.bulk("standalone");
        reply.bulk("role");
        reply.bulk("master");
        reply.bulk("modules");
        reply.array(0);
    }

    private void auth(CommandContext ctx, Arguments args, ReplySink reply) {
        Client client = ((ClientContext) ctx).connection();
        if (args.count() > 3) {
            throw new CommandException(Errors.SYNTAX);
        }
        for (int i = 1; i < args.count(); i++) {
            client.redact(i);
        }
        byte[] user;
        byte[] password;
        if (args.count() == 2) {
            // Redis keeps the old error for the one-argument form when there is no password
            if (!server.requiresAuth()) {
                throw new CommandException(AdminErrors.AUTH_WITHOUT_PASSWORD);
            }
            user = DEFAULT_USER.getBytes(StandardCharsets.US_ASCII);
            password = args.get(1);
        } else {
            user = args.get(1);
            password = args.get(2);
        }
        if (!authenticate(client, user, password)) {
            throw new CommandException(AdminErrors.WRONGPASS);
        }
        reply.ok();
    }

    private void reset(CommandContext ctx, Arguments args, ReplySink reply) {
        Client client = ((ClientContext) ctx).connection();
        if (client.monitor()) {
            server.clients().removeMonitor(client);
        }
        server.pubSub().dropAll(client);
        client.transaction().discard(server.watchedKeys());
        client.database(0);
        client.protocol(2);
        client.authenticated(!server.requiresAuth());
        client.name("");
        // RESET clears CLIENT REPLY OFF (and a pending SKIP), but not a SKIP already in force
        // for this very command; NO-EVICT survives in 7.0.15
        if (client.replyMode() == Client.ReplyMode.OFF || client.replyMode() == Client.ReplyMode.SKIP) {
            client.replyMode(Client.ReplyMode.ON);
        }
        reply.simple("RESET");
    }

    /** Checks credentials for the only user there is; on success the client is authenticated. */
    private boolean authenticate(Client client, byte[] user, byte[] password) {
        if (!DEFAULT_USER.equals(new String(user, StandardCharsets.ISO_8859_1))) {
            return false;
        }
        String required = server.config().get("requirepass");
        boolean ok = required.isEmpty()
                || MessageDigest.isEqual(required.getBytes(StandardCharsets.UTF_8), password);
        if (ok) {
            client.authenticated(true);
        }
        return ok;
    }

    private boolean needsAuth(Client client) {
        return !client.authenticated() && server.requiresAuth();
    }
}
