package dev.cinnabar.kernel.command;

import dev.cinnabar.api.command.KeySpec;
import dev.cinnabar.kernel.resp.RespNode;

import java.util.ArrayList;
import java.util.List;

/** Reads key specs from recorded metadata and finds a request's keys with them ({@code COMMAND GETKEYS}). */
public final class KeySpecs {

    private KeySpecs() {
    }

    static KeySpec fromNode(RespNode.Aggregate m) {
        String notes = m.get("notes") == null ? "" : RespNode.text(m.get("notes"));
        List<String> flags = new ArrayList<>();
        if (m.get("flags") instanceof RespNode.Aggregate f) {
            for (RespNode n : f.children()) {
                flags.add(RespNode.text(n));
            }
        }
        RespNode.Aggregate bs = (RespNode.Aggregate) m.get("begin_search");
        RespNode.Aggregate bsSpec = (RespNode.Aggregate) bs.get("spec");
        KeySpec.BeginSearch begin = switch (RespNode.text(bs.get("type"))) {
            case "index" -> new KeySpec.BeginSearch.Index(intOf(bsSpec.get("index")));
            case "keyword" -> new KeySpec.BeginSearch.Keyword(RespNode.text(bsSpec.get("keyword")),
                    intOf(bsSpec.get("startfrom")));
            default -> new KeySpec.BeginSearch.Unknown();
        };
        RespNode.Aggregate fk = (RespNode.Aggregate) m.get("find_keys");
        RespNode.Aggregate fkSpec = (RespNode.Aggregate) fk.get("spec");
        KeySpec.FindKeys find = switch (RespNode.text(fk.get("type"))) {
            case "range" -> new KeySpec.FindKeys.Range(intOf(fkSpec.get("lastkey")), intOf(fkSpec.get("keystep")),
                    intOf(fkSpec.get("limit")));
            case "keynum" -> new KeySpec.FindKeys.KeyNum(intOf(fkSpec.get("keynumidx")),
                    intOf(fkSpec.get("firstkey")), intOf(fkSpec.get("keystep")));
            default -> new KeySpec.FindKeys.Unknown();
        };
        return new KeySpec(notes, flags, begin, find);
    }

    private static int intOf(RespNode n) {
        return (int) ((RespNode.Int) n).value();
    }

    /**
     * The positions of the keys in {@code argv} according to the key specs, as Redis's
     * {@code getKeysUsingKeySpecs}; null when the arguments do not fit the specs.
     */
    public static List<Integer> keyPositions(List<KeySpec> specs, byte[][] argv) {
        List<Integer> out = new ArrayList<>();
        int argc = argv.length;
        for (KeySpec spec : specs) {
            int first;
            if (spec.beginSearch() instanceof KeySpec.BeginSearch.Index i) {
                first = i.index();
            } else if (spec.beginSearch() instanceof KeySpec.BeginSearch.Keyword k) {
                first = -1;
                int start = k.startFrom() >= 0 ? k.startFrom() : argc + k.startFrom();
                int step = k.startFrom() >= 0 ? 1 : -1;
                for (int j = start; j >= 1 && j < argc; j += step) {
                    if (new String(argv[j], java.nio.charset.StandardCharsets.ISO_8859_1).equalsIgnoreCase(k.keyword())) {
                        first = j + 1;
                        break;
                    }
                }
                if (first < 0) {
                    continue;
                }
            } else {
                continue;
            }
            if (first >= argc) {
                continue;
            }
            int last, step;
            if (spec.findKeys() instanceof KeySpec.FindKeys.Range r) {
                step = r.keyStep();
                if (r.lastKey() >= 0) {
                    last = first + r.lastKey();
                } else if (r.limit() <= 1) {
                    last = argc + r.lastKey();
                } else {
                    last = first + (argc - first) / r.limit() + r.lastKey();
                }
            } else if (spec.findKeys() instanceof KeySpec.FindKeys.KeyNum kn) {
                step = kn.keyStep();
                int idx = first + kn.keyNumIdx();
                if (idx >= argc) {
                    return null;
                }
                long n;
                try {
                    n = dev.cinnabar.api.keyspace.Numbers.parseLong(argv[idx]);
                } catch (NumberFormatException e) {
                    return null;
                }
                if (n < 0) {
                    return null;
                }
                first = first + kn.firstKey();
                last = (int) (first + (n - 1) * step);
            } else {
                continue;
            }
            if (last >= argc || last < first - 1) {
                return null;
            }
            for (int j = first; j <= last; j += step) {
                out.add(j);
            }
        }
        return out;
    }
}
