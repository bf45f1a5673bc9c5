package dev.cinnabar.luaj.patch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ModuleVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Build-time patch of the unpacked LuaJ 3.0.1 classes (run by exec-maven-plugin in process-classes,
 * never shipped). Each patch replaces or prefixes one method with a call to a static helper of ours
 * in {@code org.luaj.vm2.CinnabarHooks}, so that LuaJ behaves as Lua 5.1 where subclassing cannot
 * reach:
 * <ul>
 * <li>{@code LuaDouble.tojstring()}: numbers print with {@code %.14g} (also used by {@code ..} and coercions);</li>
 * <li>{@code LuaString.scannumber()}: string to number coercion with 5.1 rules (strtod + hex);</li>
 * <li>{@code LuaClosure.execute}: errors get 5.1 positions and wording (variable names, levels), no traceback
 *     appended; tail calls to Java functions run inside the caller's frame (position info as in 5.1);</li>
 * <li>{@code LuaTable}: read-only tables (Redis global protection) refuse rawset, setmetatable and sort;
 *     {@code eq_b} tolerates them;</li>
 * <li>{@code LuaString.concatTo}, {@code Buffer.makeroom}: strings built by {@code ..} stay under 512 MB
 *     ({@code not enough memory} above, never an OutOfMemoryError or NegativeArraySizeException);</li>
 * <li>{@code LexState.lexerror}: syntax errors say {@code near 'token'} as 5.1 does;</li>
 * <li>{@code LuaThread.State.lua_resume}: the resuming thread waits in a loop that also runs work its coroutine
 *     hands over (a coroutine's kill poll needs the executor thread to serve clients); spurious wake-ups no
 *     longer end a resume early;</li>
 * <li>a {@code module-info.class} for module {@code org.luaj} exporting every package, so the exploded
 *     classes directory works on the module path in reactor builds.</li>
 * </ul>
 * Idempotent: an already patched class is left alone.
 */
public final class LuajPatcher {

    private static final String HOOKS = "org/luaj/vm2/CinnabarHooks";
    private static final String MARK = "cinnabar$patched";

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        patch(root, "org/luaj/vm2/LuaDouble", LuajPatcher::patchLuaDouble);
        patch(root, "org/luaj/vm2/LuaString", LuajPatcher::patchLuaString);
        patch(root, "org/luaj/vm2/LuaClosure", LuajPatcher::patchLuaClosure);
        patch(root, "org/luaj/vm2/LuaTable", LuajPatcher::patchLuaTable);
        patch(root, "org/luaj/vm2/compiler/LexState", LuajPatcher::patchLexState);
        patch(root, "org/luaj/vm2/Buffer", LuajPatcher::patchBuffer);
        patch(root, "org/luaj/vm2/LuaThread$State", LuajPatcher::patchThreadState);
        writeModuleInfo(root);
    }

    private interface Patch {
        void apply(ClassNode cn);
    }

    private static void patch(Path root, String name, Patch p) throws IOException {
        Path file = root.resolve(name + ".class");
        ClassNode cn = new ClassNode();
        new ClassReader(Files.readAllBytes(file)).accept(cn, 0);
        if (cn.fields.stream().anyMatch(f -> f.name.equals(MARK))) {
            return;
        }
        p.apply(cn);
        cn.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC,
                MARK, "Z", null, null).visitEnd();
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                ClassLoader cl = LuajPatcher.class.getClassLoader();
                try {
                    Class<?> ca = Class.forName(a.replace('/', '.'), false, cl);
                    Class<?> cb = Class.forName(b.replace('/', '.'), false, cl);
                    if (ca.isAssignableFrom(cb)) return a;
                    if (cb.isAssignableFrom(ca)) return b;
                    if (ca.isInterface() || cb.isInterface()) return "java/lang/Object";
                    do { ca = ca.getSuperclass(); } while (!ca.isAssignableFrom(cb));
                    return ca.getName().replace('.', '/');
                } catch (ClassNotFoundException e) {
                    return "java/lang/Object";
                }
            }
        };
        cn.accept(cw);
        Files.write(file, cw.toByteArray());
        System.out.println("[luaj-patch] patched " + name);
    }

    private static MethodNode method(ClassNode cn, String name, String desc) {
        for (MethodNode m : cn.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) return m;
        }
        throw new IllegalStateException("no method " + cn.name + "." + name + desc);
    }

    private static void replaceBody(MethodNode m, InsnList body) {
        m.instructions.clear();
        m.tryCatchBlocks.clear();
        if (m.localVariables != null) m.localVariables.clear();
        m.instructions.add(body);
    }

    /** tojstring() -> CinnabarHooks.numberToString(v); NaN constants -> x86's default NaN (printed -nan) */
    private static void patchLuaDouble(ClassNode cn) {
        int nans = 0;
        for (MethodNode m : cn.methods) {
            for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
                if (n instanceof org.objectweb.asm.tree.LdcInsnNode ldc && ldc.cst instanceof Double d && d.isNaN()) {
                    InsnList rep = new InsnList();
                    rep.add(new FieldInsnNode(Opcodes.GETSTATIC, HOOKS, "DEFAULT_NAN", "D"));
                    m.instructions.insert(n, rep);
                    AbstractInsnNode prev = n.getPrevious();
                    m.instructions.remove(n);
                    n = prev == null ? m.instructions.getFirst() : prev;
                    nans++;
                }
            }
        }
        if (nans == 0) throw new IllegalStateException("LuaDouble: no NaN constant found");
        InsnList b = new InsnList();
        b.add(new VarInsnNode(Opcodes.ALOAD, 0));
        b.add(new FieldInsnNode(Opcodes.GETFIELD, "org/luaj/vm2/LuaDouble", "v", "D"));
        b.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HOOKS, "numberToString", "(D)Ljava/lang/String;"));
        b.add(new InsnNode(Opcodes.ARETURN));
        replaceBody(method(cn, "tojstring", "()Ljava/lang/String;"), b);
    }

    /** scannumber() -> CinnabarHooks.scanNumber(this); concatTo(LuaString) bounded */
    private static void patchLuaString(ClassNode cn) {
        InsnList pre = new InsnList();
        pre.add(new VarInsnNode(Opcodes.ALOAD, 1));
        pre.add(new FieldInsnNode(Opcodes.GETFIELD, "org/luaj/vm2/LuaString", "m_length", "I"));
        pre.add(new VarInsnNode(Opcodes.ALOAD, 0));
        pre.add(new FieldInsnNode(Opcodes.GETFIELD, "org/luaj/vm2/LuaString", "m_length", "I"));
        pre.add(new InsnNode(Opcodes.ICONST_0));
        pre.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HOOKS, "checkConcat", "(III)V"));
        method(cn, "concatTo", "(Lorg/luaj/vm2/LuaString;)Lorg/luaj/vm2/LuaValue;").instructions.insert(pre);
        InsnList b = new InsnList();
        b.add(new VarInsnNode(Opcodes.ALOAD, 0));
        b.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HOOKS, "scanNumber", "(Lorg/luaj/vm2/LuaString;)D"));
        b.add(new InsnNode(Opcodes.DRETURN));
        replaceBody(method(cn, "scannumber", "()D"), b);
    }

    private static void patchLuaClosure(ClassNode cn) {
        MethodNode exec = method(cn, "execute", "([Lorg/luaj/vm2/LuaValue;Lorg/luaj/vm2/Varargs;)Lorg/luaj/vm2/Varargs;");
        int errorHooks = 0, tailcalls = 0;
        for (AbstractInsnNode n = exec.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof MethodInsnNode mi && mi.owner.equals("org/luaj/vm2/LuaClosure")
                    && mi.name.equals("processErrorHooks")) {
                // stack: this, le, p, pc  ->  + stack array
                InsnList add = new InsnList();
                add.add(new VarInsnNode(Opcodes.ALOAD, 1));
                add.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HOOKS, "processError",
                        "(Lorg/luaj/vm2/LuaClosure;Lorg/luaj/vm2/LuaError;Lorg/luaj/vm2/Prototype;I[Lorg/luaj/vm2/LuaValue;)V"));
                exec.instructions.insertBefore(mi, add);
                AbstractInsnNode next = mi.getNext();
                exec.instructions.remove(mi);
                n = next.getPrevious();
                errorHooks++;
            } else if (n instanceof TypeInsnNode ti && ti.getOpcode() == Opcodes.NEW
                    && ti.desc.equals("org/luaj/vm2/TailcallVarargs")) {
                // NEW, DUP, ALOAD 1, ILOAD a, AALOAD, ... INVOKESPECIAL <init>
                AbstractInsnNode dup = ti.getNext(), load = dup.getNext(), idx = load.getNext(), aaload = idx.getNext();
                if (dup.getOpcode() != Opcodes.DUP || load.getOpcode() != Opcodes.ALOAD || ((VarInsnNode) load).var != 1
                        || idx.getOpcode() != Opcodes.ILOAD || aaload.getOpcode() != Opcodes.AALOAD) {
                    throw new IllegalStateException("unexpected TailcallVarargs construction");
                }
                int areg = ((VarInsnNode) idx).var;
                AbstractInsnNode init = aaload;
                while (!(init instanceof MethodInsnNode mi2 && mi2.getOpcode() == Opcodes.INVOKESPECIAL
                        && mi2.owner.equals("org/luaj/vm2/TailcallVarargs"))) {
                    init = init.getNext();
                }
                InsnList add = new InsnList();
                add.add(new VarInsnNode(Opcodes.ALOAD, 1));
                add.add(new VarInsnNode(Opcodes.ILOAD, areg));
                add.add(new InsnNode(Opcodes.AALOAD));
                add.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HOOKS, "tailcall",
                        "(Lorg/luaj/vm2/TailcallVarargs;Lorg/luaj/vm2/LuaValue;)Lorg/luaj/vm2/Varargs;"));
                exec.instructions.insert(init, add);
                n = init;
                tailcalls++;
            }
        }
        if (errorHooks != 2 || tailcalls != 5) {
            throw new IllegalStateException("LuaClosure.execute: found " + errorHooks + " error hooks, " + tailcalls + " tail calls");
        }
    }

    private static void prefixWritableCheck(MethodNode m) {
        InsnList pre = new InsnList();
        pre.add(new VarInsnNode(Opcodes.ALOAD, 0));
        pre.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HOOKS, "checkWritable", "(Lorg/luaj/vm2/LuaTable;)V"));
        m.instructions.insert(pre);
    }

    private static void patchLuaTable(ClassNode cn) {
        prefixWritableCheck(method(cn, "rawset", "(ILorg/luaj/vm2/LuaValue;)V"));
        prefixWritableCheck(method(cn, "rawset", "(Lorg/luaj/vm2/LuaValue;Lorg/luaj/vm2/LuaValue;)V"));
        prefixWritableCheck(method(cn, "setmetatable", "(Lorg/luaj/vm2/LuaValue;)Lorg/luaj/vm2/LuaValue;"));
        prefixWritableCheck(method(cn, "sort", "(Lorg/luaj/vm2/LuaValue;)V"));
        // 5.1 has no __len for tables
        InsnList len = new InsnList();
        len.add(new VarInsnNode(Opcodes.ALOAD, 0));
        len.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "org/luaj/vm2/LuaTable", "rawlen", "()I"));
        len.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "org/luaj/vm2/LuaInteger", "valueOf", "(I)Lorg/luaj/vm2/LuaInteger;"));
        len.add(new InsnNode(Opcodes.ARETURN));
        replaceBody(method(cn, "len", "()Lorg/luaj/vm2/LuaValue;"), len);
        InsnList b = new InsnList();
        b.add(new VarInsnNode(Opcodes.ALOAD, 0));
        b.add(new VarInsnNode(Opcodes.ALOAD, 1));
        b.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HOOKS, "tableEq", "(Lorg/luaj/vm2/LuaTable;Lorg/luaj/vm2/LuaValue;)Z"));
        b.add(new InsnNode(Opcodes.IRETURN));
        replaceBody(method(cn, "eq_b", "(Lorg/luaj/vm2/LuaValue;)Z"), b);
    }

    /** makeroom(nbefore, nafter): bounded growth (concatenation chains build in a Buffer) */
    private static void patchBuffer(ClassNode cn) {
        InsnList pre = new InsnList();
        pre.add(new VarInsnNode(Opcodes.ILOAD, 1));
        pre.add(new VarInsnNode(Opcodes.ALOAD, 0));
        pre.add(new FieldInsnNode(Opcodes.GETFIELD, "org/luaj/vm2/Buffer", "length", "I"));
        pre.add(new VarInsnNode(Opcodes.ILOAD, 2));
        pre.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HOOKS, "checkConcat", "(III)V"));
        method(cn, "makeroom", "(II)V").instructions.insert(pre);
    }

    /** lua_resume: this.wait() -> CinnabarHooks.awaitResumed(this) */
    private static void patchThreadState(ClassNode cn) {
        MethodNode resume = method(cn, "lua_resume", "(Lorg/luaj/vm2/LuaThread;Lorg/luaj/vm2/Varargs;)Lorg/luaj/vm2/Varargs;");
        int waits = 0;
        for (AbstractInsnNode n = resume.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof MethodInsnNode mi && mi.name.equals("wait") && mi.desc.equals("()V")) {
                MethodInsnNode call = new MethodInsnNode(Opcodes.INVOKESTATIC, HOOKS, "awaitResumed",
                        "(Lorg/luaj/vm2/LuaThread$State;)V");
                resume.instructions.set(mi, call);
                n = call;
                waits++;
            }
        }
        if (waits != 1) {
            throw new IllegalStateException("LuaThread.State.lua_resume: found " + waits + " waits");
        }
    }

    /** lexerror(msg, token) -> throw CinnabarHooks.lexError(source, linenumber, msg, token, txtToken(token)) */
    private static void patchLexState(ClassNode cn) {
        String ls = "org/luaj/vm2/compiler/LexState";
        InsnList b = new InsnList();
        b.add(new VarInsnNode(Opcodes.ALOAD, 0));
        b.add(new FieldInsnNode(Opcodes.GETFIELD, ls, "source", "Lorg/luaj/vm2/LuaString;"));
        b.add(new VarInsnNode(Opcodes.ALOAD, 0));
        b.add(new FieldInsnNode(Opcodes.GETFIELD, ls, "linenumber", "I"));
        b.add(new VarInsnNode(Opcodes.ALOAD, 1));
        b.add(new VarInsnNode(Opcodes.ILOAD, 2));
        b.add(new VarInsnNode(Opcodes.ALOAD, 0));
        b.add(new VarInsnNode(Opcodes.ILOAD, 2));
        b.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, ls, "txtToken", "(I)Ljava/lang/String;"));
        b.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HOOKS, "lexError",
                "(Lorg/luaj/vm2/LuaString;ILjava/lang/String;ILjava/lang/String;)Lorg/luaj/vm2/LuaError;"));
        b.add(new InsnNode(Opcodes.ATHROW));
        replaceBody(method(cn, "lexerror", "(Ljava/lang/String;I)V"), b);
    }

    private static void writeModuleInfo(Path root) throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class"))
                    .forEach(f -> {
                        Path rel = root.relativize(f).getParent();
                        if (rel == null) throw new IllegalStateException("class in the unnamed package: " + f);
                        String pkg = rel.toString().replace(java.io.File.separatorChar, '/');
                        if (!pkg.startsWith("dev/cinnabar/luaj/patch")) packages.add(pkg);
                    });
        }
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V9, Opcodes.ACC_MODULE, "module-info", null, null, null);
        // open: the engine reads LuaError's position fields reflectively. BCEL is read when
        // present (luajc compiles Lua to bytecode with it), optional otherwise.
        ModuleVisitor mv = cw.visitModule("org.luaj", Opcodes.ACC_OPEN, "3.0.1");
        mv.visitRequire("java.base", Opcodes.ACC_MANDATED, null);
        mv.visitRequire("org.apache.bcel", Opcodes.ACC_STATIC_PHASE, null);
        List<String> pk = new ArrayList<>(packages);
        for (String p : pk) {
            mv.visitPackage(p);
            mv.visitExport(p, 0);
        }
        mv.visitEnd();
        cw.visitEnd();
        Files.write(root.resolve("module-info.class"), cw.toByteArray());
        System.out.println("[luaj-patch] module-info for org.luaj with " + pk.size() + " packages");
    }

    private LuajPatcher() {
    }
}
