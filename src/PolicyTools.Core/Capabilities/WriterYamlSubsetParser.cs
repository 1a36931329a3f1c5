using System;
using System.Collections.Generic;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyTools.Capabilities;

/// <summary>
/// Turns YAML written the way <see cref="CapabilityMapYamlWriter"/> writes it (block mappings and
/// sequences indented by spaces, double-quoted or simple plain scalars, one-line flow sequences and
/// flow mappings, whole-line comments) into the parser events YamlDotNet would give, without
/// YamlDotNet's scanner. That scanner, run for the first time in a session, is most of the cost of
/// the first result (hundreds of milliseconds for the 5,000-line embedded map); this is a single
/// pass over the text. Anything outside the subset gives null and the caller uses YamlDotNet's
/// parser, so hand-edited maps read as before and get its syntax errors.
/// </summary>
internal static class WriterYamlSubsetParser
{
    /// <summary>The events of <paramref name="text"/>, or null when it is not in the subset.</summary>
    public static IParser? TryParse(string text)
    {
        var events = new Scanner(text).Run();
        return events is null ? null : new EventList(events);
    }

    private sealed class EventList : IParser
    {
        private readonly List<ParsingEvent> _events;
        private int _next;

        public EventList(List<ParsingEvent> events) => _events = events;

        public ParsingEvent? Current { get; private set; }

        public bool MoveNext()
        {
            if (_next >= _events.Count)
            {
                Current = null;
                return false;
            }
            Current = _events[_next++];
            return true;
        }
    }

    private sealed class Scanner
    {
        private readonly string _text;
        private readonly List<ParsingEvent> _events = new(64 * 1024);
        private readonly OpenBlocks _open = new();
        private int _line;        // 1-based, as YamlDotNet counts
        private int _lineStart;
        private int _lineEnd;     // index of the line's '\n' or '\r\n', or of the text's end
        private int _pendingKeyIndent = -1;   // a "key:" with nothing after it waits for its block sequence

        public Scanner(string text) => _text = text;

        public List<ParsingEvent>? Run()
        {
            // Characters YAML treats as line breaks or rejects, which a line-based reading would get wrong.
            for (var i = 0; i < _text.Length; i++)
            {
                var c = _text[i];
                if (c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || char.IsSurrogate(c)) return null;
                if (c == '\r' && (i + 1 == _text.Length || _text[i + 1] != '\n')) return null;
            }

            _events.Add(new StreamStart(Mark(0), Mark(0)));
            var next = 0;
            while (next < _text.Length)
            {
                _line++;
                _lineStart = next;
                var newline = _text.IndexOf('\n', next);
                _lineEnd = newline < 0 ? _text.Length : newline;
                next = newline < 0 ? _text.Length : newline + 1;
                if (_lineEnd > _lineStart && _text[_lineEnd - 1] == '\r') _lineEnd--;
                if (!ReadLine()) return null;
            }
            if (_pendingKeyIndent >= 0 || _open.Count == 0) return null;

            var end = Mark(_text.Length);
            while (_open.Count > 0) Close(end);
            _events.Add(new DocumentEnd(true, end, end));
            _events.Add(new StreamEnd(end, end));
            return _events;
        }

        private bool ReadLine()
        {
            var at = _lineStart;
            while (at < _lineEnd && _text[at] == ' ') at++;
            if (at == _lineEnd || _text[at] == '#') return true;   // blank or a whole-line comment
            var indent = at - _lineStart;
            // Anything else that is not a key (document markers, directives, tabs) fails in ReadKey.
            var isItem = _text[at] == '-' && at + 1 < _lineEnd && _text[at + 1] == ' ';
            if (_pendingKeyIndent >= 0)
            {
                // Only the writer's shape: the value of "key:" is a block sequence indented deeper.
                if (!isItem || indent <= _pendingKeyIndent) return false;
                _events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block, Mark(at), Mark(at)));
                _open.Push(isMapping: false, indent);
                _pendingKeyIndent = -1;
            }
            else if (_open.Count == 0)
            {
                if (isItem || indent != 0) return false;
                _events.Add(new DocumentStart(null, null, true, Mark(at), Mark(at)));
                _events.Add(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block, Mark(at), Mark(at)));
                _open.Push(isMapping: true, 0);
            }
            else
            {
                var here = Mark(at);
                while (_open.Count > 0 && _open.TopIndent > indent) Close(here);
                if (_open.Count == 0) return false;
                if (_open.TopIndent != indent || _open.TopIsMapping == isItem) return false;
            }

            if (!isItem) return ReadKeyAndValue(at, indent);

            at += 2;
            while (at < _lineEnd && _text[at] == ' ') at++;
            if (at == _lineEnd) return false;
            if (_text[at] == '{') return ReadFlowMapping(ref at) && RestIsBlank(at);
            // "- key: value" starts a block mapping whose keys line up with this first one.
            var keyIndent = at - _lineStart;
            _events.Add(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block, Mark(at), Mark(at)));
            _open.Push(isMapping: true, keyIndent);
            return ReadKeyAndValue(at, keyIndent);
        }

        private bool ReadKeyAndValue(int at, int indent)
        {
            if (!ReadKey(ref at)) return false;
            if (at < _lineEnd && _text[at] != ' ') return false;
            while (at < _lineEnd && _text[at] == ' ') at++;
            if (at == _lineEnd || _text[at] == '#')
            {
                _pendingKeyIndent = indent;
                return true;
            }
            return ReadValue(ref at, flow: false) && RestIsBlank(at);
        }

        // A key is a plain word followed by ':'; the position after the ':' is left in 'at'.
        private bool ReadKey(ref int at)
        {
            var start = at;
            while (at < _lineEnd && IsWordChar(_text[at])) at++;
            // YAML limits an implicit key to 1,024 characters.
            if (at == start || at - start > 1024 || at == _lineEnd || _text[at] != ':' || !char.IsLetter(_text[start])) return false;
            _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, _text.Substring(start, at - start), ScalarStyle.Plain, true, false, Mark(start), Mark(at), true));
            at++;
            return true;
        }

        private bool ReadValue(ref int at, bool flow)
        {
            var c = _text[at];
            if (c == '"') return ReadQuoted(ref at);
            if (c == '[') return ReadFlowSequence(ref at);
            if (c == '{') return flow && ReadFlowMapping(ref at);
            return ReadPlain(ref at);
        }

        private bool ReadFlowMapping(ref int at)
        {
            _events.Add(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Flow, Mark(at), Mark(at)));
            at++;
            SkipSpaces(ref at);
            if (at < _lineEnd && _text[at] == '}')
            {
                _events.Add(new MappingEnd(Mark(at), Mark(at + 1)));
                at++;
                return true;
            }
            while (true)
            {
                if (at == _lineEnd || !ReadKey(ref at)) return false;
                if (at == _lineEnd || _text[at] != ' ') return false;
                SkipSpaces(ref at);
                if (at == _lineEnd || !ReadValue(ref at, flow: true)) return false;
                SkipSpaces(ref at);
                if (at == _lineEnd) return false;
                if (_text[at] == '}')
                {
                    _events.Add(new MappingEnd(Mark(at), Mark(at + 1)));
                    at++;
                    return true;
                }
                if (_text[at] != ',') return false;
                at++;
                SkipSpaces(ref at);
            }
        }

        private bool ReadFlowSequence(ref int at)
        {
            _events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow, Mark(at), Mark(at)));
            at++;
            SkipSpaces(ref at);
            if (at < _lineEnd && _text[at] == ']')
            {
                _events.Add(new SequenceEnd(Mark(at), Mark(at + 1)));
                at++;
                return true;
            }
            while (true)
            {
                if (at == _lineEnd) return false;
                var c = _text[at];
                if (c == '"' ? !ReadQuoted(ref at) : !ReadPlain(ref at)) return false;
                SkipSpaces(ref at);
                if (at == _lineEnd) return false;
                if (_text[at] == ']')
                {
                    _events.Add(new SequenceEnd(Mark(at), Mark(at + 1)));
                    at++;
                    return true;
                }
                if (_text[at] != ',') return false;
                at++;
                SkipSpaces(ref at);
            }
        }

        // Plain scalars only of word characters, dots, slashes and inner dashes ("true", "2026-08-20"):
        // no YAML indicator can hide in them, so their text is their value.
        private bool ReadPlain(ref int at)
        {
            var start = at;
            if (!char.IsLetterOrDigit(_text[at])) return false;
            while (at < _lineEnd && (IsWordChar(_text[at]) || _text[at] == '.' || _text[at] == '/' || _text[at] == '-')) at++;
            if (at < _lineEnd && _text[at] != ' ' && _text[at] != ',' && _text[at] != ']' && _text[at] != '}') return false;
            _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, _text.Substring(start, at - start), ScalarStyle.Plain, true, false, Mark(start), Mark(at), false));
            return true;
        }

        // JSON-style escapes only, the ones the writer emits; the scalar ends on its own line.
        private bool ReadQuoted(ref int at)
        {
            var start = at;
            at++;
            var chunk = at;
            System.Text.StringBuilder? unescaped = null;
            while (true)
            {
                if (at >= _lineEnd) return false;
                var c = _text[at];
                if (c == '"') break;
                if (c < ' ' && c != '\t') return false;
                if (c != '\\')
                {
                    at++;
                    continue;
                }
                unescaped ??= new System.Text.StringBuilder();
                unescaped.Append(_text, chunk, at - chunk);
                if (at + 1 >= _lineEnd) return false;
                switch (_text[at + 1])
                {
                    case '"': unescaped.Append('"'); at += 2; break;
                    case '\\': unescaped.Append('\\'); at += 2; break;
                    case '/': unescaped.Append('/'); at += 2; break;
                    case 'n': unescaped.Append('\n'); at += 2; break;
                    case 'r': unescaped.Append('\r'); at += 2; break;
                    case 't': unescaped.Append('\t'); at += 2; break;
                    case 'b': unescaped.Append('\b'); at += 2; break;
                    case 'f': unescaped.Append('\f'); at += 2; break;
                    case 'u':
                        if (at + 6 > _lineEnd || !TryHex(at + 2, out var code) || char.IsSurrogate((char)code)) return false;
                        unescaped.Append((char)code);
                        at += 6;
                        break;
                    default: return false;
                }
                chunk = at;
            }
            var value = unescaped is null ? _text.Substring(start + 1, at - start - 1) : unescaped.Append(_text, chunk, at - chunk).ToString();
            at++;
            _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.DoubleQuoted, false, true, Mark(start), Mark(at), false));
            return true;
        }

        private bool TryHex(int at, out int code)
        {
            code = 0;
            for (var i = at; i < at + 4; i++)
            {
                var c = _text[i];
                int digit;
                if (c >= '0' && c <= '9') digit = c - '0';
                else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
                else return false;
                code = code * 16 + digit;
            }
            return true;
        }

        // After a value: spaces, then the end of the line or a comment that a space sets apart.
        private bool RestIsBlank(int at)
        {
            var spaced = false;
            while (at < _lineEnd && _text[at] == ' ')
            {
                at++;
                spaced = true;
            }
            return at == _lineEnd || (spaced && _text[at] == '#');
        }

        private void SkipSpaces(ref int at)
        {
            while (at < _lineEnd && _text[at] == ' ') at++;
        }

        private void Close(Mark at)
        {
            var isMapping = _open.TopIsMapping;
            _open.Pop();
            _events.Add(isMapping ? new MappingEnd(at, at) : new SequenceEnd(at, at));
        }

        private Mark Mark(int index) => new(index + 1, Math.Max(_line, 1), index - _lineStart + 1);

        private static bool IsWordChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /// <summary>The blocks open at a line, innermost last: whether each is a mapping, and its indent.</summary>
    /// <remarks>
    /// Our own stack, not a List of tuples: a List of a value type is framework code that only the
    /// JIT can compile, while this is precompiled (ReadyToRun) with the rest of the engine.
    /// </remarks>
    private sealed class OpenBlocks
    {
        private int[] _indents = new int[16];
        private bool[] _isMapping = new bool[16];

        public int Count { get; private set; }

        public int TopIndent => _indents[Count - 1];

        public bool TopIsMapping => _isMapping[Count - 1];

        public void Push(bool isMapping, int indent)
        {
            if (Count == _indents.Length)
            {
                var indents = new int[Count * 2];
                var isMappings = new bool[Count * 2];
                Array.Copy(_indents, indents, Count);
                Array.Copy(_isMapping, isMappings, Count);
                _indents = indents;
                _isMapping = isMappings;
            }
            _indents[Count] = indent;
            _isMapping[Count] = isMapping;
            Count++;
        }

        public void Pop() => Count--;
    }
}
