package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.reply.HelpReply;
import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.exec.ClientContext;
import dev.cinnabar.kernel.net.Client;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The CLIENT subcommands about connections: identity, listing, killing, reply mode, eviction. */
final class ClientCommands {

    private static final String[] HELP = {
        "CACHING (YES|NO)",
        "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
        "GETREDIR",
        "    Return the client ID we are redirecting to when tracking is enabled.",
        "GETNAME",
        "    Return the name of the current connection.",
        "ID",
        "    Return the ID of the current connection.",
        "INFO",
        "    Return information about the current client connection.",
        "KILL <ip:port>",
        "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]",
        "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Kill connections by type.",
        "    * USER <username>",
        "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)",
        "      Skip killing current connection (default: yes).",
        "LIST [options ...]",
        "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Return clients of specified type.",
        "UNPAUSE",
        "    Stop the current client pause, resuming traffic.",
        "PAUSE <timeout> [WRITE|ALL]",
        "    Suspend all, or just write, clients for <timeout> milliseconds.",
        "REPLY (ON|OFF|SKIP)",
        "    Control the replies sent to the current connection.",
        "SETNAME <name>",
        "    Assign the name <name> to the current connection.",
        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
        "    Unblock the specified blocked client.",
        "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
        "         [OPTIN] [OPTOUT] [NOLOOP]",
        "    Control server assisted client side caching.",
        "TRACKINGINFO",
        "    Report tracking status for the current connection.",
        "NO-EVICT (ON|OFF)",
        "    Protect current client connection from eviction.",
    };

    /** Client types as Redis names them; only normal clients exist in the kernel so far. */
    private enum ClientType { NORMAL, REPLICA, PUBSUB, MASTER }

    private final Server server;

    ClientCommands(Server server) {
        this.server = server;
    }

    void register(CommandRegistrar r) {
        r.redisCommand("client|id", (ctx, args, reply) -> reply.integer(ctx.client().id()));
        r.redisCommand("client|setname", this::setName);
        r.redisCommand("client|getname", this::getName);
        r.redisCommand("client|info", this::info);
        r.redisCommand("client|list", this::list);
        r.redisCommand("client|kill", this::kill);
        r.redisCommand("client|reply", this::reply);
        r.redisCommand("client|no-evict", this::noEvict);
        r.redisCommand("client|unblock", this::unblock);
        r.redisCommand("client|help", (ctx, args, reply) -> HelpReply.write(reply, "CLIENT", HELP));
    }

    /** Redis's {@code clientSetNameOrReply}: empty removes the name; only {@code !}..{@code ~} allowed. */
    static void setName(Client client, byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') {
                throw new CommandException(AdminErrors.BAD_CLIENT_NAME);
            }
        }
        client.name(new String(name, StandardCharsets.US_ASCII));
    }

    private void setName(CommandContext ctx, Arguments args, ReplySink reply) {
        setName(connection(ctx), args.get(2));
        reply.ok();
    }

    private void getName(CommandContext ctx, Arguments args, ReplySink reply) {
        String name = ctx.client().name();
        if (name.isEmpty()) {
            reply.nullBulk();
        } else {
            reply.bulk(name.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void info(CommandContext ctx, Arguments args, ReplySink reply) {
        StringBuilder sb = new StringBuilder();
        ClientInfoLine.append(sb, connection(ctx), args.raw(), System.currentTimeMillis());
        sb.append('\n');
        reply.verbatim("txt", sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private void list(CommandContext ctx, Arguments args, ReplySink reply) {
        Client caller = connection(ctx);
        long now = System.currentTimeMillis();
        StringBuilder sb = new StringBuilder();
        if (args.count() == 4 && args.is(2, "type")) {
            ClientType type = clientType(args.string(3));
            for (Client c : server.clients().all()) {
                if (typeOf(c) == type) {
                    line(sb, c, caller, args, now);
                }
            }
        } else if (args.count() > 3 && args.is(2, "id")) {
            for (int j = 3; j < args.count(); j++) {
                long id = args.longValue(j, AdminErrors.INVALID_CLIENT_ID);
                Client c = server.clients().get(id);
                if (c != null) {
                    line(sb, c, caller, args, now);
                }
            }
        } else if (args.count() != 2) {
            throw new CommandException(Errors.SYNTAX);
        } else {
            for (Client c : server.clients().all()) {
                line(sb, c, caller, args, now);
            }
        }
        reply.verbatim("txt", sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void line(StringBuilder sb, Client c, Client caller, Arguments args, long now) {
        ClientInfoLine.append(sb, c, c == caller ? args.raw() : null, now);
        sb.append('\n');
    }

    private void kill(CommandContext ctx, Arguments args, ReplySink reply) {
        Client caller = connection(ctx);
        String addr = null;
        String laddr = null;
        String user = null;
        ClientType type = null;
        long id = 0;
        boolean skipMe = true;
        boolean oldForm = args.count() == 3;
        if (oldForm) {
            addr = AdminErrors.cString(args.string(2));
            skipMe = false; // the old form may kill the caller
        } else {
            for (int i = 2; i < args.count(); i += 2) {
                boolean more = args.count() > i + 1;
                if (args.is(i, "id") && more) {
                    long v;
                    try {
                        v = Numbers.parseLong(args.get(i + 1));
                    } catch (NumberFormatException e) {
                        throw new CommandException(AdminErrors.CLIENT_ID_NOT_POSITIVE);
                    }
                    if (v < 1) {
                        throw new CommandException(AdminErrors.CLIENT_ID_NOT_POSITIVE);
                    }
                    id = v;
                } else if (args.is(i, "type") && more) {
                    type = clientType(args.string(i + 1));
                } else if (args.is(i, "addr") && more) {
                    addr = AdminErrors.cString(args.string(i + 1));
                } else if (args.is(i, "laddr") && more) {
                    laddr = AdminErrors.cString(args.string(i + 1));
                } else if (args.is(i, "user") && more) {
                    user = args.string(i + 1);
                    if (!user.equals("default")) {
                        throw new CommandException(AdminErrors.noSuchUser(AdminErrors.cString(user)));
                    }
                } else if (args.is(i, "skipme") && more) {
                    if (args.is(i + 1, "yes")) {
                        skipMe = true;
                    } else if (args.is(i + 1, "no")) {
                        skipMe = false;
                    } else {
                        throw new CommandException(Errors.SYNTAX);
                    }
                } else {
                    throw new CommandException(Errors.SYNTAX);
                }
            }
        }
        int killed = 0;
        boolean closeCaller = false;
        for (Client c : List.copyOf(server.clients().all())) {
            if ((addr != null && !addr.equals(c.address()))
                    || (laddr != null && !laddr.equals(c.localAddress()))
                    || (type != null && typeOf(c) != type)
                    || (id != 0 && c.id() != id)
                    || (user != null && !user.equals(c.user()))
                    || (c == caller && skipMe)) {
                continue;
            }
            if (c == caller) {
                closeCaller = true;
            } else {
                c.close();
            }
            killed++;
        }
        if (oldForm) {
            if (killed == 0) {
                throw new CommandException(AdminErrors.NO_SUCH_CLIENT);
            }
            reply.ok();
        } else {
            reply.integer(killed);
        }
        if (closeCaller) {
            caller.closeAfterReply(true);
        }
    }

    private void reply(CommandContext ctx, Arguments args, ReplySink reply) {
        Client c = connection(ctx);
        if (args.is(2, "on")) {
            c.replyMode(Client.ReplyMode.ON);
            reply.ok();
        } else if (args.is(2, "off")) {
            c.replyMode(Client.ReplyMode.OFF);
        } else if (args.is(2, "skip")) {
            if (c.replyMode() != Client.ReplyMode.OFF) {
                c.replyMode(Client.ReplyMode.SKIP);
            }
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
    }

    private void noEvict(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.is(2, "on")) {
            connection(ctx).noEvict(true);
        } else if (args.is(2, "off")) {
            connection(ctx).noEvict(false);
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
        reply.ok();
    }

    /** {@code CLIENT UNBLOCK id [TIMEOUT|ERROR]}: 1 when that client was blocked and is now served. */
    private void unblock(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() > 4) {
            // Redis 7.0 checks the count inside clientCommand and answers with its generic text
            throw new CommandException("ERR unknown subcommand or wrong number of arguments for '"
                    + AdminErrors.cString(args.string(1)) + "'. Try CLIENT HELP.");
        }
        boolean withError = false;
        if (args.count() == 4) {
            if (args.is(3, "error")) {
                withError = true;
            } else if (!args.is(3, "timeout")) {
                throw new CommandException(AdminErrors.UNBLOCK_REASON);
            }
        }
        long id = args.longValue(2);
        Client target = server.clients().get(id);
        reply.integer(target != null && server.blockedClients().unblockByRequest(target, withError) ? 1 : 0);
    }

    /** Redis's {@code getClientTypeByName}, with its error for anything else. */
    private static ClientType clientType(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "normal" -> ClientType.NORMAL;
            case "slave", "replica" -> ClientType.REPLICA;
            case "pubsub" -> ClientType.PUBSUB;
            case "master" -> ClientType.MASTER;
            default -> throw new CommandException(AdminErrors.unknownClientType(AdminErrors.cString(name)));
        };
    }

    /** Subscribers are PUBSUB clients, every other kernel connection is normal (monitors included, as in Redis). */
    private static ClientType typeOf(Client c) {
        return c.subscribed() ? ClientType.PUBSUB : ClientType.NORMAL;
    }

    private static Client connection(CommandContext ctx) {
        return ((ClientContext) ctx).connection();
    }
}
