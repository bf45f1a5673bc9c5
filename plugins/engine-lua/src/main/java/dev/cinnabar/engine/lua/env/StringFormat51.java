package dev.cinnabar.engine.lua.env;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.cinnabar.Lua51Numbers;

/**
 * {@code string.format} as Lua 5.1's str_format does it on glibc: at most two digits of width and
 * precision, {@code %d %i} through a C {@code long long} cast, {@code %q} with 5.1 escapes,
 * {@code %s} stopping at an embedded zero when formatted, C rounding for {@code %e %f %g}.
 */
final class StringFormat51 {

    private StringFormat51() {
    }

    private static final String FNAME = "format";

    static Varargs format(Varargs a) {
        LuaString fmt = Args51.checkString(a, 1, FNAME);
        int top = a.narg();
        int arg = 1;
        Out b = new Out();
        int n = fmt.length();
        int i = 0;
        while (i < n) {
            int c = fmt.luaByte(i);
            if (c != '%') {
                b.write(c);
                i++;
                continue;
            }
            i++;
            if (i < n && fmt.luaByte(i) == '%') {
                b.write('%');
                i++;
                continue;
            }
            if (++arg > top) throw Args51.argError(arg, FNAME, "no value");
            // scanformat
            int p = i;
            while (p < n && "-+ #0".indexOf(fmt.luaByte(p)) >= 0) p++;
            if (p - i >= 6) throw new LuaError("invalid format (repeated flags)");
            String flags = str(fmt, i, p);
            int width = -1, precision = -1;
            int ws = p;
            if (p < n && isDigit(fmt.luaByte(p))) p++;
            if (p < n && isDigit(fmt.luaByte(p))) p++;
            if (p > ws) width = Integer.parseInt(str(fmt, ws, p));
            if (p < n && fmt.luaByte(p) == '.') {
                p++;
                int ps = p;
                if (p < n && isDigit(fmt.luaByte(p))) p++;
                if (p < n && isDigit(fmt.luaByte(p))) p++;
                precision = p > ps ? Integer.parseInt(str(fmt, ps, p)) : 0;
            }
            if (p < n && isDigit(fmt.luaByte(p))) throw new LuaError("invalid format (width or precision too long)");
            int conv = p < n ? fmt.luaByte(p) : 0;
            i = p + 1;
            Spec s = new Spec(flags, width, precision);
            switch (conv) {
                case 'c': {
                    int ch = (int) Args51.toInteger(Args51.checkNumber(a, arg, FNAME));
                    // sprintf then strlen: a zero byte yields nothing
                    if ((ch & 0xff) == 0) {
                        b.writeAscii(s.pad("", false, false));
                    } else {
                        b.writeBytes(s.padBytes(new byte[] {(byte) ch}));
                    }
                    break;
                }
                case 'd':
                case 'i': {
                    long v = Args51.toInteger(Args51.checkNumber(a, arg, FNAME));
                    b.writeAscii(s.integer(v < 0, BigInteger.valueOf(v).abs().toString(), ""));
                    break;
                }
                case 'o': case 'u': case 'x': case 'X': {
                    long v = unsignedCast(Args51.checkNumber(a, arg, FNAME));
                    String digits;
                    String prefix = "";
                    switch (conv) {
                        case 'o': digits = Long.toOctalString(v); if (s.alt && !digits.startsWith("0")) prefix = "0"; break;
                        case 'u': digits = Long.toUnsignedString(v); break;
                        case 'x': digits = Long.toHexString(v); if (s.alt && v != 0) prefix = "0x"; break;
                        default: digits = Long.toHexString(v).toUpperCase(); if (s.alt && v != 0) prefix = "0X"; break;
                    }
                    b.writeAscii(s.integer(false, digits, prefix));
                    break;
                }
                case 'e': case 'E': case 'f': case 'g': case 'G': {
                    double v = Args51.checkNumber(a, arg, FNAME);
                    b.writeAscii(s.floating(v, conv));
                    break;
                }
                case 'q':
                    addQuoted(b, Args51.checkString(a, arg, FNAME));
                    break;
                case 's': {
                    LuaString str = Args51.checkString(a, arg, FNAME);
                    if (precision < 0 && str.length() >= 100) {
                        b.writeString(str);
                    } else {
                        int len = 0;
                        while (len < str.length() && str.luaByte(len) != 0) len++;
                        if (precision >= 0 && len > precision) len = precision;
                        byte[] bytes = new byte[len];
                        str.copyInto(0, bytes, 0, len);
                        b.writeBytes(s.padBytes(bytes));
                    }
                    break;
                }
                default:
                    throw new LuaError("invalid option '%" + (char) conv + "' to 'format'");
            }
        }
        return LuaString.valueUsing(b.toByteArray());
    }

    private static long unsignedCast(double d) {
        // (unsigned long long) of a double on x86-64 (gcc): negative values wrap through long long
        if (Double.isNaN(d)) return Long.MIN_VALUE;
        if (d >= 9.223372036854775807E18) {
            if (d >= 1.8446744073709552E19) return Long.MIN_VALUE;
            return (long) (d - 9.223372036854775807E18) + Long.MIN_VALUE;
        }
        return Args51.toInteger(d);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static String str(LuaString s, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < to; k++) sb.append((char) s.luaByte(k));
        return sb.toString();
    }

    private static void addQuoted(Out b, LuaString s) {
        b.write('"');
        for (int k = 0; k < s.length(); k++) {
            int c = s.luaByte(k);
            switch (c) {
                case '"': case '\\': case '\n':
                    b.write('\\');
                    b.write(c);
                    break;
                case '\r':
                    b.writeAscii("\\r");
                    break;
                case 0:
                    b.writeAscii("\\000");
                    break;
                default:
                    b.write(c);
            }
        }
        b.write('"');
    }

    /** One conversion's flags, width and precision, with C's padding rules. */
    static final class Spec {
        final boolean left, plus, space, alt, zero;
        final int width, precision;

        Spec(String flags, int width, int precision) {
            left = flags.indexOf('-') >= 0;
            plus = flags.indexOf('+') >= 0;
            space = flags.indexOf(' ') >= 0;
            alt = flags.indexOf('#') >= 0;
            zero = flags.indexOf('0') >= 0;
            this.width = width;
            this.precision = precision;
        }

        String sign(boolean neg) {
            return neg ? "-" : plus ? "+" : space ? " " : "";
        }

        /** Pads sign+body to the width; zero padding goes between sign/prefix and body. */
        String pad(String signPrefix, String body, boolean zeroAllowed) {
            int len = signPrefix.length() + body.length();
            if (width <= len) return signPrefix + body;
            int fill = width - len;
            if (left) return signPrefix + body + " ".repeat(fill);
            if (zero && zeroAllowed) return signPrefix + "0".repeat(fill) + body;
            return " ".repeat(fill) + signPrefix + body;
        }

        String pad(String body, boolean neg, boolean zeroAllowed) {
            return pad("", body, zeroAllowed);
        }

        byte[] padBytes(byte[] body) {
            if (width <= body.length) return body;
            byte[] out = new byte[width];
            int fill = width - body.length;
            if (left) {
                System.arraycopy(body, 0, out, 0, body.length);
                java.util.Arrays.fill(out, body.length, width, (byte) ' ');
            } else {
                java.util.Arrays.fill(out, 0, fill, (byte) ' ');
                System.arraycopy(body, 0, out, fill, body.length);
            }
            return out;
        }

        String integer(boolean neg, String digits, String prefix) {
            if (precision >= 0) {
                if (precision == 0 && digits.equals("0")) digits = "";
                if (digits.length() < precision) digits = "0".repeat(precision - digits.length()) + digits;
            }
            return pad(sign(neg) + prefix, digits, precision < 0);
        }

        String floating(double v, int conv) {
            boolean upper = conv == 'E' || conv == 'G';
            boolean neg = v < 0 || (v == 0 && Double.doubleToRawLongBits(v) != 0)
                    || (Double.isNaN(v) && Double.doubleToRawLongBits(v) < 0);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                String body = Double.isNaN(v) ? "nan" : "inf";
                return pad(sign(neg), upper ? body.toUpperCase() : body, false);
            }
            double av = Math.abs(v);
            int prec = precision < 0 ? 6 : precision;
            String body;
            switch (conv) {
                case 'f':
                    body = new BigDecimal(av).setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
                    if (alt && prec == 0) body += ".";
                    break;
                case 'e': case 'E':
                    body = exp(av, prec, alt, upper);
                    break;
                default:
                    body = Lua51Numbers.formatG(av, prec, alt, upper);
                    break;
            }
            return pad(sign(neg), body, true);
        }

        static String exp(double av, int prec, boolean alt, boolean upper) {
            String digits;
            int e;
            if (av == 0) {
                digits = "0".repeat(prec + 1);
                e = 0;
            } else {
                BigDecimal bd = new BigDecimal(av).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
                String u = bd.unscaledValue().toString();
                e = u.length() - 1 - bd.scale();
                digits = u.length() < prec + 1 ? u + "0".repeat(prec + 1 - u.length()) : u.substring(0, prec + 1);
            }
            StringBuilder sb = new StringBuilder();
            sb.append(digits.charAt(0));
            if (prec > 0 || alt) sb.append('.');
            sb.append(digits, 1, digits.length());
            sb.append(upper ? 'E' : 'e').append(e < 0 ? '-' : '+');
            int ae = Math.abs(e);
            if (ae < 10) sb.append('0');
            sb.append(ae);
            return sb.toString();
        }
    }

    /** Output buffer bounded by {@link Limits51#MAX_STRING}. */
    static final class Out extends ByteArrayOutputStream {
        @Override
        public synchronized void write(int c) {
            if (count >= Limits51.MAX_STRING) Limits51.checkStringSize(Limits51.MAX_STRING + 1L);
            super.write(c);
        }

        void writeAscii(String s) {
            writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void writeBytes(byte[] b) {
            Limits51.checkStringSize((long) count + b.length);
            write(b, 0, b.length);
        }

        void writeString(LuaString s) {
            Limits51.checkStringSize((long) count + s.length());
            write(s.m_bytes, s.m_offset, s.m_length);
        }
    }
}
