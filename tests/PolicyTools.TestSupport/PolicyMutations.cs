using System;
using System.Collections.Generic;
using System.Text;

namespace PolicyTools.Testing;

/// <summary>
/// The damage a fuzzer does to a policy document. Each mutation is a pure function of its
/// arguments, so a failing case is reproduced from the arguments alone (the CsCheck generator in
/// the tests draws them; a shrunk counter-example prints them).
/// </summary>
public static class PolicyMutations
{
    /// <summary>Values a JSON value can be swapped for: every type IAM does not expect somewhere.</summary>
    public static readonly string[] ReplacementValues =
    {
        "42", "-1.5e308", "true", "false", "null", "{}", "[]", "[1, 2]", "{\"a\": 1}", "\"\"", "\"*\"",
        "[[]]", "[null]", "{\"Effect\": \"Allow\"}", "\"arn:aws:ec2:*:*:*\"", "\"ec2:*\"", "[\"*\", 7]",
        "{\"StringEquals\": []}", "1e400", "\"\\u0000\"", "\"\\ud800\"",
    };

    public static byte[] FlipBit(byte[] bytes, int index, int bit)
    {
        var copy = (byte[])bytes.Clone();
        if (copy.Length == 0) return copy;
        copy[Mod(index, copy.Length)] ^= (byte)(1 << Mod(bit, 8));
        return copy;
    }

    public static byte[] SetByte(byte[] bytes, int index, byte value)
    {
        var copy = (byte[])bytes.Clone();
        if (copy.Length == 0) return copy;
        copy[Mod(index, copy.Length)] = value;
        return copy;
    }

    public static byte[] Truncate(byte[] bytes, int length)
    {
        var n = bytes.Length == 0 ? 0 : Mod(length, bytes.Length);
        var copy = new byte[n];
        Array.Copy(bytes, copy, n);
        return copy;
    }

    /// <summary>Removes <paramref name="count"/> bytes at <paramref name="index"/>.</summary>
    public static byte[] Delete(byte[] bytes, int index, int count)
    {
        if (bytes.Length == 0) return bytes;
        var start = Mod(index, bytes.Length);
        var n = Math.Min(Math.Abs(count % 64), bytes.Length - start);
        var copy = new byte[bytes.Length - n];
        Array.Copy(bytes, copy, start);
        Array.Copy(bytes, start + n, copy, start, bytes.Length - start - n);
        return copy;
    }

    public static byte[] Insert(byte[] bytes, int index, byte[] insert)
    {
        var at = bytes.Length == 0 ? 0 : Mod(index, bytes.Length + 1);
        var copy = new byte[bytes.Length + insert.Length];
        Array.Copy(bytes, copy, at);
        Array.Copy(insert, 0, copy, at, insert.Length);
        Array.Copy(bytes, at, copy, at + insert.Length, bytes.Length - at);
        return copy;
    }

    /// <summary>Copies a slice of the document to somewhere else in it (repeated keys, stray brackets).</summary>
    public static byte[] Duplicate(byte[] bytes, int from, int length, int to)
    {
        if (bytes.Length == 0) return bytes;
        var start = Mod(from, bytes.Length);
        var n = Math.Min(Math.Abs(length % 256), bytes.Length - start);
        var slice = new byte[n];
        Array.Copy(bytes, start, slice, 0, n);
        return Insert(bytes, to, slice);
    }

    /// <summary>Replaces the <paramref name="occurrence"/>-th JSON value after a colon with a value of another type.</summary>
    public static string SwapType(string json, int occurrence, int replacement)
    {
        var colons = Positions(json, ':');
        if (colons.Count == 0) return json;
        var colon = colons[Mod(occurrence, colons.Count)];
        var start = colon + 1;
        while (start < json.Length && char.IsWhiteSpace(json[start])) start++;
        var end = ValueEnd(json, start);
        return json.Substring(0, start) + ReplacementValues[Mod(replacement, ReplacementValues.Length)] + json.Substring(end);
    }

    /// <summary>Replaces the <paramref name="occurrence"/>-th string literal with a huge one made of <paramref name="unit"/>.</summary>
    public static string HugeString(string json, int occurrence, int length, string unit)
    {
        var quotes = StringLiterals(json);
        if (quotes.Count == 0 || unit.Length == 0) return json;
        var (start, end) = quotes[Mod(occurrence, quotes.Count)];
        var builder = new StringBuilder(json.Length + length);
        builder.Append(json, 0, start + 1);
        while (builder.Length < start + 1 + length) builder.Append(unit);
        builder.Append(json, end, json.Length - end);
        return builder.ToString();
    }

    /// <summary>Wraps the <paramref name="occurrence"/>-th value in <paramref name="depth"/> arrays or objects.</summary>
    public static string DeepNest(string json, int occurrence, int depth, bool objects)
    {
        var colons = Positions(json, ':');
        if (colons.Count == 0) return Nest("{}", depth, objects);
        var colon = colons[Mod(occurrence, colons.Count)];
        var start = colon + 1;
        while (start < json.Length && char.IsWhiteSpace(json[start])) start++;
        var end = ValueEnd(json, start);
        return json.Substring(0, start) + Nest(json.Substring(start, end - start), depth, objects) + json.Substring(end);
    }

    /// <summary><paramref name="depth"/> levels of <c>[</c> or <c>{"a":</c> around <paramref name="inner"/>.</summary>
    public static string Nest(string inner, int depth, bool objects)
    {
        var builder = new StringBuilder(inner.Length + depth * 6);
        for (var i = 0; i < depth; i++) builder.Append(objects ? "{\"a\":" : "[");
        builder.Append(inner);
        for (var i = 0; i < depth; i++) builder.Append(objects ? '}' : ']');
        return builder.ToString();
    }

    /// <summary>
    /// Inserts code points at a position: any Unicode scalar, or (with <paramref name="raw"/>) byte
    /// sequences that are not UTF-8 at all (lone surrogates, overlong forms, stray continuation bytes).
    /// </summary>
    public static byte[] InsertUnicode(byte[] bytes, int index, int[] codePoints, bool raw)
    {
        var insert = new List<byte>();
        foreach (var cp in codePoints)
        {
            if (raw)
            {
                var bad = s_invalidUtf8[Mod(cp, s_invalidUtf8.Length)];
                insert.AddRange(bad);
                continue;
            }
            var scalar = Mod(cp, 0x110000);
            if (scalar >= 0xD800 && scalar <= 0xDFFF) scalar = 0xFFFD;
            insert.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(scalar)));
        }
        return Insert(bytes, index, insert.ToArray());
    }

    /// <summary>The same text in another encoding, as files arrive: UTF-16 LE/BE and UTF-32 with or without BOM, UTF-8 with BOM.</summary>
    public static byte[] Reencode(string text, int kind) => Mod(kind, 7) switch
    {
        0 => Concat(new byte[] { 0xEF, 0xBB, 0xBF }, Encoding.UTF8.GetBytes(text)),
        1 => Concat(new byte[] { 0xFF, 0xFE }, new UnicodeEncoding(false, false).GetBytes(text)),
        2 => Concat(new byte[] { 0xFE, 0xFF }, new UnicodeEncoding(true, false).GetBytes(text)),
        3 => new UnicodeEncoding(false, false).GetBytes(text),
        4 => new UnicodeEncoding(true, false).GetBytes(text),
        5 => Concat(new byte[] { 0xFF, 0xFE, 0, 0 }, new UTF32Encoding(false, false).GetBytes(text)),
        _ => Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n").Replace("  ", "\t")),
    };

    /// <summary>URL-encodes the text the way the IAM API returns documents.</summary>
    public static string UrlEncode(string text) => Uri.EscapeDataString(text);

    private static readonly byte[][] s_invalidUtf8 =
    {
        new byte[] { 0xFF }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0x80 },
        new byte[] { 0xE2, 0x82 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xFE, 0xFF }, new byte[] { 0x00 },
    };

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var result = new byte[a.Length + b.Length];
        Array.Copy(a, result, a.Length);
        Array.Copy(b, 0, result, a.Length, b.Length);
        return result;
    }

    private static int Mod(int value, int modulus) => modulus <= 0 ? 0 : (int)(((long)value % modulus + modulus) % modulus);

    private static List<int> Positions(string text, char c)
    {
        var positions = new List<int>();
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '\\' && inString) { i++; continue; }
            if (ch == '"') inString = !inString;
            else if (ch == c && !inString) positions.Add(i);
        }
        return positions;
    }

    private static List<(int Start, int End)> StringLiterals(string text)
    {
        var literals = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '\\' && start >= 0) { i++; continue; }
            if (ch != '"') continue;
            if (start < 0) start = i;
            else { literals.Add((start, i)); start = -1; }
        }
        return literals;
    }

    // The end (exclusive) of the JSON value starting at start: a balanced bracket group, a string, or a bare word.
    private static int ValueEnd(string json, int start)
    {
        if (start >= json.Length) return start;
        var c = json[start];
        if (c == '"')
        {
            for (var i = start + 1; i < json.Length; i++)
            {
                if (json[i] == '\\') { i++; continue; }
                if (json[i] == '"') return i + 1;
            }
            return json.Length;
        }
        if (c == '{' || c == '[')
        {
            var depth = 0;
            var inString = false;
            for (var i = start; i < json.Length; i++)
            {
                var ch = json[i];
                if (inString)
                {
                    if (ch == '\\') i++;
                    else if (ch == '"') inString = false;
                    continue;
                }
                if (ch == '"') inString = true;
                else if (ch == '{' || ch == '[') depth++;
                else if ((ch == '}' || ch == ']') && --depth == 0) return i + 1;
            }
            return json.Length;
        }
        var end = start;
        while (end < json.Length && json[end] != ',' && json[end] != '}' && json[end] != ']' && !char.IsWhiteSpace(json[end])) end++;
        return end;
    }
}
