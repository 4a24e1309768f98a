using CriterionCheck.Symbolics.Printing;
using System.Collections.Immutable;
using System.Text.Json;
using CriterionCheck.Models;
using CriterionCheck.Spec;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Kernel;

/// <summary>
/// Certificates and witnesses as files, so that anyone can re-check a verdict with the kernel alone.
/// Every value is exact text in the spec's expression syntax, over the spec's own names:
/// <code>
/// {"groups": [{"factors": ["z"], "theta": ["pi"], "coefficients": {"pi[1]": "pi[1]*(1 - pi[1])*logit(pi[1])"}}]}
/// {"witness": {"factors": ["x"], "parameters": {"W[1,1]": "1/2"}, "latentPoints": [{"z[1]": "0"}],
///              "rows": [{"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 1, "weight": "-1/2"}]}}
/// </code>
/// <c>natural</c> and <c>latentPoint</c> count from 1. A latent point may also give the values of opaque
/// function calls and derivative atoms there (<c>"f[1](z; w)": "1"</c>, <c>"f[1]'[2](z; w)": "1/3"</c>).
/// Reading accepts such an object, an object with a <c>certificate</c> member (one entry of
/// <c>check --json</c>), or a whole <c>check --json</c> array (the entry for the spec is taken).
/// </summary>
public static class CertificateJson
{
    /// <summary>Writes <paramref name="certificate"/> as one JSON object; <paramref name="allSizes"/> marks a certificate of index templates, for every size.</summary>
    public static void Write(Utf8JsonWriter w, Certificate certificate, bool allSizes = false)
    {
        w.WriteStartObject();
        if (allSizes) w.WriteBoolean("allSizes", true);
        w.WriteStartArray("groups");
        foreach (var group in certificate.Groups)
        {
            w.WriteStartObject();
            WriteStrings(w, "factors", group.Factors);
            WriteStrings(w, "theta", group.Theta);
            w.WriteStartObject("coefficients");
            // The solver's order is deterministic; sorting 157k keys would cost more than it shows.
            foreach (var (key, value) in group.Coefficients) w.WriteString(key.ToString(), TextPrinter.PrintExplicit(value));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes <paramref name="witness"/> as one JSON object <c>{"witness": {…}}</c>.</summary>
    public static void Write(Utf8JsonWriter w, Model model, Witness witness)
    {
        w.WriteStartObject();
        w.WriteStartObject("witness");
        WriteStrings(w, "factors", witness.Factors);
        w.WriteStartObject("parameters");
        foreach (var (key, value) in witness.Parameters.OrderBy(p => p.Key, ExprOrder.Instance)) w.WriteString(key.ToString(), value.ToString());
        w.WriteEndObject();
        w.WriteStartArray("latentPoints");
        foreach (var point in witness.LatentPoints)
        {
            w.WriteStartObject();
            foreach (var (key, value) in point.OrderBy(p => p.Key, ExprOrder.Instance)) w.WriteString(key.ToString(), value.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("rows");
        foreach (var row in witness.Rows)
        {
            w.WriteStartObject();
            w.WriteString("factor", row.Factor);
            w.WriteString("element", model.Factors.Single(f => f.Variable == row.Factor).Elements[row.Element].Label(row.Factor));
            w.WriteNumber("natural", row.Natural + 1);
            w.WriteNumber("latentPoint", row.LatentPoint + 1);
            w.WriteString("weight", TextPrinter.PrintExplicit(row.Weight));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("reason", witness.Reason);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    /// <summary>A certificate or a witness for <paramref name="model"/> read from <paramref name="source"/>.</summary>
    /// <exception cref="SpecException">Malformed JSON, an unknown name, a value that is not an expression (located in <paramref name="source"/>).</exception>
    public static (Certificate? Certificate, Witness? Witness) Read(Model model, SourceText source) => ReadAny(model, source) is var r ? (r.Certificate, r.Witness) : default;

    /// <summary>
    /// As <see cref="Read"/>, and whether the certificate is for every size: marked <c>"allSizes": true</c>,
    /// or keyed by index names (<c>"W[d,h]": "W[d,h]"</c>) rather than elements (<c>"W[2,1]"</c>).
    /// </summary>
    public static (Certificate? Certificate, Witness? Witness, bool AllSizes) ReadAny(Model model, SourceText source)
    {
        try { return new Reader(model, source).Read(LocatedJson.Parse(source, "a certificate: {\"groups\": …} or {\"witness\": …}")); }
        catch (SpecException e) when (e.SourceText is null) { throw e.In(source); }
    }

    private sealed class Reader(Model model, SourceText source)
    {
        private ExpressionContext context = Context(model, template: false);

        public (Certificate?, Witness?, bool) Read(LocatedJson root)
        {
            if (root.Kind == JsonValueKind.Array) return Read(Entry(root));
            if (root.Kind != JsonValueKind.Object) throw Error(root, $"expected a certificate object, found {root.Describe()}");
            if (root.Member("certificate") is { } inner)
            {
                if (inner.Kind == JsonValueKind.Null)
                    throw Error(inner, $"this entry has no certificate: its verdict is {root.Member("verdict")?.Text ?? "undecided"}");
                return Read(inner);
            }
            // Both a certificate and a witness: which one is meant is not for the reader to guess.
            if (root.Member("groups") is not null && root.Member("witness") is { } both)
                throw Error(both, "the object holds both \"groups\" (a satisfied certificate) and \"witness\" (a violated one); keep the one meant");
            if (root.Member("groups") is { } groups)
            {
                // Keys read leniently first: an index name (W[d,h]) instead of a value makes a template.
                var template = root.Member("allSizes") is { Kind: JsonValueKind.True } || Items(groups, "groups").Any(g =>
                    g.Member("coefficients") is { Kind: JsonValueKind.Object } c && c.Members.Any(m => IsTemplateKey(m.Key)));
                if (template) context = Context(model, template: true);
                return (new Certificate([.. Items(groups, "groups").Select(g => Group(g, template))]), null, template);
            }
            if (root.Member("witness") is { } witness) return (null, Witness(witness), false);
            throw Error(root, "expected a member \"groups\" (a satisfied certificate), \"witness\" (a violated one) or \"certificate\"");
        }

        // The check --json entry for this spec: the only one, or the one whose file names it.
        private LocatedJson Entry(LocatedJson array)
        {
            if (array.Items.Count == 1) return array.Items[0];
            var name = Path.GetFileName(model.SourceName);
            var matches = array.Items.Where(i => i.Kind == JsonValueKind.Object && i.Member("file") is { Kind: JsonValueKind.String } f
                && (f.Text == model.SourceName || Path.GetFileName(f.Text) == name)).ToList();
            return matches.Count == 1 ? matches[0]
                : throw Error(array, matches.Count == 0 ? $"no entry of this array is for {name}" : $"{matches.Count} entries of this array are for {name}");
        }

        // "W[d,h]": an index that is a name other than a size or a declared name.
        private bool IsTemplateKey(string key)
        {
            var open = key.IndexOf('[');
            if (open < 0 || !key.EndsWith(']')) return false;
            var declared = model.Dimensions.Select(d => d.Name).Concat(model.Parameters.Select(p => p.Name)).ToHashSet(StringComparer.Ordinal);
            return key[(open + 1)..^1].Split(',').Select(i => i.Trim()).Any(i => i.Length > 0 && char.IsLetter(i[0]) && !declared.Contains(i));
        }

        private FactorCertificate Group(LocatedJson node, bool template)
        {
            RequireObject(node, "a group");
            var factors = Strings(Required(node, "factors"), "factors");
            var theta = Strings(Required(node, "theta"), "theta");
            var coefficients = Required(node, "coefficients");
            RequireObject(coefficients, "coefficients");
            var map = new Dictionary<Expr, Expr>();
            foreach (var (key, keyOffset, value) in coefficients.Members)
            {
                var k = Parse(key, keyOffset + 1);
                var v = Value(value);
                if (template) v = SimplexTemplates.Split(v, Simplices(model));
                if (!map.TryAdd(k, v)) throw new SpecException($"a second coefficient for {key}", new TextSpan(keyOffset, key.Length + 2));
            }
            return new FactorCertificate(factors, theta, map);
        }

        private Witness Witness(LocatedJson node)
        {
            RequireObject(node, "a witness");
            var factors = Strings(Required(node, "factors"), "factors");
            var parameters = Map(Required(node, "parameters"), "parameters");
            var points = Items(Required(node, "latentPoints"), "latentPoints").Select(p => Map(p, "a latent point")).ToImmutableArray();
            var rows = Items(Required(node, "rows"), "rows").Select(r => Row(r, points.Length)).ToImmutableArray();
            var reason = node.Member("reason") is { Kind: JsonValueKind.String } text ? text.Text : "a witness read from a file";
            return new Witness(factors, parameters, points, rows, reason);
        }

        private WitnessRow Row(LocatedJson node, int points)
        {
            RequireObject(node, "a row");
            var factorNode = Required(node, "factor");
            if (factorNode.Kind != JsonValueKind.String) throw Error(factorNode, $"\"factor\" must be a string, not {factorNode.Describe()}");
            var factor = model.Factors.FirstOrDefault(f => f.Variable == factorNode.Text) ?? throw Error(factorNode, $"the model has no factor {factorNode.Text}");
            var elementNode = Required(node, "element");
            var element = elementNode.Kind == JsonValueKind.Number
                ? Whole(elementNode, "element", 1, factor.Elements.Length) - 1
                : elementNode.Kind == JsonValueKind.String ? factor.Elements.Select((e, i) => (e, i)).FirstOrDefault(p => p.e.Label(factor.Variable) == elementNode.Text, (null!, -1)).Item2
                : throw Error(elementNode, "\"element\" must be an element such as \"x[2]\"");
            if (element < 0) throw Error(elementNode, $"{factor.Variable} has no element {elementNode.Text}");
            var natural = Whole(Required(node, "natural"), "natural", 1, factor.Elements[element].NaturalParameters.Length) - 1;
            var point = Whole(Required(node, "latentPoint"), "latentPoint", 1, Math.Max(1, points)) - 1;
            return new WitnessRow(factor.Variable, element, natural, point, Value(Required(node, "weight")));
        }

        private ImmutableDictionary<Expr, Expr> Map(LocatedJson node, string what)
        {
            RequireObject(node, what);
            var map = ImmutableDictionary.CreateBuilder<Expr, Expr>();
            foreach (var (key, keyOffset, value) in node.Members)
            {
                var k = Parse(key, keyOffset + 1);
                if (map.ContainsKey(k)) throw new SpecException($"{key} is given twice", new TextSpan(keyOffset, key.Length + 2));
                map[k] = Value(value);
            }
            return map.ToImmutable();
        }

        private Expr Value(LocatedJson node) => node.Kind switch
        {
            JsonValueKind.String => Parse(node.Text, node.Offset + 1),
            JsonValueKind.Number when Rational.TryParseDecimal(node.Text, out var r) => Number.Of(r),
            JsonValueKind.Number when node.Text.StartsWith('-') && Rational.TryParseDecimal(node.Text[1..], out var r) => Number.Of(-r),
            _ => throw Error(node, $"expected an exact value as text, such as \"1/3\", found {node.Describe()}"),
        };

        // Expression text inside a JSON string; errors point into the file (escapes aside).
        private Expr Parse(string text, int start)
        {
            var raw = start + text.Length <= source.Text.Length && string.CompareOrdinal(source.Text, start, text, 0, text.Length) == 0;
            try { return raw ? ExpressionParser.Parse(source, start, start + text.Length, context) : ExpressionParser.Parse(text, context); }
            catch (ExpressionException e) { throw new SpecException(e.Message, raw ? e.Span : new TextSpan(start, Math.Max(1, text.Length))); }
        }

        private static ImmutableArray<string> Strings(LocatedJson node, string what)
        {
            if (node.Kind != JsonValueKind.Array || node.Items.Any(i => i.Kind != JsonValueKind.String))
                throw Error(node, $"\"{what}\" must be an array of names");
            return [.. node.Items.Select(i => i.Text)];
        }

        private static List<LocatedJson> Items(LocatedJson node, string what) =>
            node.Kind == JsonValueKind.Array ? node.Items : throw Error(node, $"\"{what}\" must be an array, not {node.Describe()}");

        private static int Whole(LocatedJson node, string what, int low, int high)
        {
            if (node.Kind != JsonValueKind.Number || !int.TryParse(node.Text, out var n))
                throw Error(node, $"\"{what}\" must be a whole number, not {node.Describe()}");
            return n >= low && n <= high ? n : throw Error(node, $"\"{what}\" is {n}; it must lie in {low}..{high}");
        }

        private static LocatedJson Required(LocatedJson node, string member) =>
            node.Member(member) ?? throw Error(node, $"missing member \"{member}\"");

        private static void RequireObject(LocatedJson node, string what)
        {
            if (node.Kind != JsonValueKind.Object) throw Error(node, $"{what} must be a JSON object, not {node.Describe()}");
        }

        private static SpecException Error(LocatedJson node, string message) => new(message, node.Span);

        private static Dictionary<string, Expr> Simplices(Model model) => model.Parameters.Where(p => p.Domain == Families.ParameterDomain.Simplex)
            .ToDictionary(p => p.Name, p => (Expr)Symbol.Of(p.Shape[^1].Name));

        private static ExpressionContext Context(Model model, bool template)
        {
            var names = model.Parameters.Select(p => p.Name).Concat(model.Factors.Select(f => f.Variable)).Concat(model.Dimensions.Select(d => d.Name));
            return new ExpressionContext
            {
                Sizes = model.Dimensions.ToImmutableDictionary(d => d.Name, d => d.Size),
                SymbolicSizes = template,
                DeclaredSymbols = [.. names],
                OpaqueFunctions = model.Functions.ToImmutableDictionary(f => f.Name, f => new OpaqueSignature(f.Inputs.Length, f.Parameters.Length)),
                ResolveName = r => template ? ResolveTemplate(model, r) : Resolve(model, r),
            };
        }

        // At every size: indices are names or expressions, sizes are symbols, a simplex's last weight is
        // 1 − Σ of the others, and any other name is an index the key binds (the kernel checks that).
        private static Expr ResolveTemplate(Model model, NameReference r)
        {
            if (model.Parameters.FirstOrDefault(p => p.Name == r.Name) is { } block)
            {
                if (r.Indices.IsEmpty) return Symbol.Of(r.Name);
                if (r.Indices.Length != block.Shape.Length) throw new ExpressionException($"{block.Declaration} needs {block.Shape.Length} indices, not {r.Indices.Length}", r.Span);
                if (block.Domain == Families.ParameterDomain.Simplex && r.Indices[^1].Equals(Symbol.Of(block.Shape[^1].Name)))
                    return SimplexTemplates.LastWeight(block.Name, r.Indices[..^1], Symbol.Of(block.Shape[^1].Name));
                return Symbol.Of(r.Name, r.Indices);
            }
            if (model.Dimensions.Any(d => d.Name == r.Name) && r.Indices.IsEmpty) return Symbol.Of(r.Name);
            return Symbol.Of(r.Name, r.Indices);
        }

        // The spec's names: parameter elements (dependent ones in free coordinates), whole blocks, variables, sizes.
        private static Expr Resolve(Model model, NameReference r)
        {
            if (model.Parameters.FirstOrDefault(p => p.Name == r.Name) is { } block)
            {
                if (r.Indices.IsEmpty) return Symbol.Of(r.Name);
                if (r.Indices.Length != block.Shape.Length) throw new ExpressionException($"{block.Declaration} needs {block.Shape.Length} indices, not {r.Indices.Length}", r.Span);
                for (var k = 0; k < r.Indices.Length; k++)
                    if (r.Indices[k] is not Number { Value: { IsInteger: true } n } || n < 1 || n > block.Shape[k].Size)
                        throw new ExpressionException($"index {r.Indices[k]} of {block.Declaration} must be a whole number in 1..{block.Shape[k].Size}", r.Span);
                return block.Element(r.Indices);
            }
            if (model.Factors.FirstOrDefault(f => f.Variable == r.Name) is not null) return Symbol.Of(r.Name, r.Indices);
            if (model.Dimensions.FirstOrDefault(d => d.Name == r.Name) is { } size && r.Indices.IsEmpty) return Number.Of(size.Size);
            throw new ExpressionException($"'{r.Name}' is not a parameter, variable or size of {Path.GetFileName(model.SourceName)}", r.NameSpan);
        }
    }
}
