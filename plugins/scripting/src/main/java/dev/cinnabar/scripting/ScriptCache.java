package dev.cinnabar.scripting;

import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.script.ScriptEngine;
import dev.cinnabar.api.script.ScriptException;
import dev.cinnabar.api.script.ScriptVm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * Scripts by the SHA1 of their body (Redis's {@code lctx.lua_scripts}), and the VM of each engine
 * that compiled them. No eviction: only SCRIPT FLUSH empties it, and it recreates the VMs.
 * Executor only.
 */
final class ScriptCache {

    private final Map<String, CachedScript> scripts = new HashMap<>();
    /** The same scripts by body: EVAL finds a known body without hashing it with SHA1 again. */
    private final Map<Body, CachedScript> byBody = new HashMap<>();
    private final MessageDigest sha1 = newSha1();
    private CachedScript lastFound;
    private final Map<String, ScriptVm> vms = new HashMap<>();
    private long bodyBytes;

    CachedScript get(String sha) {
        return scripts.get(sha);
    }

    /**
     * EVALSHA's lookup: the SHA in any case. The script found last is checked first, byte by
     * byte, which spares the string and hash of the common case of one script called repeatedly.
     */
    CachedScript bySha(byte[] sha) {
        CachedScript last = lastFound;
        if (last != null && sameHex(last.sha(), sha)) {
            return last;
        }
        char[] c = new char[sha.length];
        for (int i = 0; i < sha.length; i++) {
            int b = sha[i] & 0xff;
            c[i] = (char) (b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
        CachedScript found = scripts.get(new String(c));
        if (found != null) {
            lastFound = found;
        }
        return found;
    }

    private static boolean sameHex(String lower, byte[] sha) {
        if (lower.length() != sha.length) {
            return false;
        }
        for (int i = 0; i < sha.length; i++) {
            int b = sha[i] & 0xff;
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return scripts.size();
    }

    /** Bytes of the cache itself as Redis counts {@code used_memory_scripts_eval}: SHA, body and entry overhead. */
    long memory() {
        return bodyBytes + scripts.size() * (40L + 64L);
    }

    /** Memory of the EVAL VMs, as their engines report it (a fresh Lua VM when none exists yet). */
    long vmMemory() {
        long total = 0;
        for (ScriptVm vm : vms.values()) {
            total += vm.memoryUsed();
        }
        return vms.isEmpty() ? 31744 : total;
    }

    /** The cached script of {@code body}, compiled and cached first if new. */
    CachedScript load(CommandContext ctx, byte[] body) {
        CachedScript known = byBody.get(new Body(body));
        if (known != null) {
            return known;
        }
        String sha = hex(sha1.digest(body));
        CachedScript cached = scripts.get(sha);
        if (cached != null) {
            return cached;
        }
        try {
            Shebang shebang = Shebang.parse(body, name -> ctx.scriptEngine(name) != null);
            ScriptVm vm = vm(ctx, shebang.engine());
            CachedScript s = new CachedScript(sha, body, shebang.present(), shebang.flags(), vm.compile(shebang.code()),
                    shebang.engine());
            scripts.put(sha, s);
            byBody.put(new Body(body), s);
            bodyBytes += body.length;
            return s;
        } catch (ScriptException e) {
            throw new CommandException(e.errorText());
        }
    }

    private ScriptVm vm(CommandContext ctx, String engineName) {
        ScriptVm vm = vms.get(engineName);
        if (vm == null) {
            ScriptEngine engine = ctx.scriptEngine(engineName);
            if (engine == null) {
                throw new CommandException("ERR No script engine '" + engineName + "' is loaded");
            }
            vm = engine.createVm(ScriptVm.Kind.EVAL);
            vms.put(engineName, vm);
        }
        return vm;
    }

    /** SCRIPT FLUSH: forgets every script and drops the VMs (new ones are made on demand). */
    void flush() {
        scripts.clear();
        byBody.clear();
        lastFound = null;
        bodyBytes = 0;
        vms.values().forEach(ScriptVm::close);
        vms.clear();
    }

    /**
     * The engine's plugin was unloaded: its VM and every script it compiled go, so nothing here
     * keeps the plugin's classes reachable. {@code SCRIPT EXISTS} answers 0 for those scripts.
     */
    void engineRemoved(String engine) {
        scripts.values().removeIf(s -> {
            if (!s.engine().equals(engine)) {
                return false;
            }
            bodyBytes -= s.body().length;
            return true;
        });
        byBody.values().removeIf(s -> s.engine().equals(engine));
        if (lastFound != null && lastFound.engine().equals(engine)) {
            lastFound = null;
        }
        ScriptVm vm = vms.remove(engine);
        if (vm != null) {
            vm.close();
        }
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] d) {
        char[] out = new char[d.length * 2];
        for (int i = 0; i < d.length; i++) {
            out[2 * i] = Character.forDigit((d[i] >> 4) & 0xf, 16);
            out[2 * i + 1] = Character.forDigit(d[i] & 0xf, 16);
        }
        return new String(out);
    }

    /** A script body as a map key, compared by content. */
    private record Body(byte[] bytes, int hash) {
        Body(byte[] bytes) {
            this(bytes, java.util.Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Body b && b.hash == hash && java.util.Arrays.equals(b.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
