using System.Globalization;
using System.Text;
using System.Text.Json;
using CriterionCheck.Families;
using CriterionCheck.Spec;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Numerics;

/// <summary>
/// Reads parameters trained elsewhere: a JSON object keyed by parameter name, each value a number (a
/// scalar block) or nested arrays in the block's shape, every entry given (mixture weights in full,
/// covariances as whole symmetric matrices). Problems are <see cref="NumericException"/>s with
/// file:line:column and a caret: a missing, unknown or mis-shaped block, a value outside its domain.
/// </summary>
public static class ParameterFile
{
    /// <summary>θ from the file at <paramref name="path"/>.</summary>
    /// <exception cref="NumericException">The file is malformed or does not fit the model (message ready to print).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static double[] Read(string path, ParameterSpace space) => Parse(new SourceText(path, File.ReadAllText(path)), space);

    /// <summary>θ from JSON text named by <paramref name="source"/>.</summary>
    public static double[] Parse(SourceText source, ParameterSpace space)
    {
        LocatedJson root;
        try { root = LocatedJson.Parse(source, "a JSON object keyed by parameter name"); }
        catch (SpecException e) { throw new NumericException(e.Diagnostic); }
        if (root.Kind != JsonValueKind.Object) throw Error(source, root.Offset, 1, "expected a JSON object keyed by parameter name");
        var theta = new double[space.Count];
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, keyOffset, value) in root.Members)
        {
            var range = space.Blocks.FirstOrDefault(b => b.Block.Name == key);
            if (range is null)
                throw Error(source, keyOffset, key.Length + 2, $"'{key}' is not a parameter of the model; its parameters are {string.Join(", ", space.Blocks.Select(b => b.Block.Declaration))}");
            if (!given.Add(key)) throw Error(source, keyOffset, key.Length + 2, $"'{key}' is given twice");
            var shape = range.Block.Shape.Select(d => d.Size).ToArray();
            var full = new List<double>();
            Flatten(source, value, shape, 0, range.Block.Declaration, full);
            var values = full.ToArray();
            DomainCheck(source, value, range, values);
            space.SetFromFull(range, values, theta);
        }
        var missing = space.Blocks.Where(b => !given.Contains(b.Block.Name)).Select(b => b.Block.Declaration).ToList();
        if (missing.Count > 0) throw Error(source, root.Offset, 1, $"missing parameter{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}");
        if (space.DomainProblem(theta) is { } problem) throw Error(source, root.Offset, 1, problem);
        return theta;
    }

    private static void Flatten(SourceText source, LocatedJson node, int[] shape, int depth, string declaration, List<double> into)
    {
        if (depth == shape.Length)
        {
            if (node.Kind != JsonValueKind.Number)
                throw Error(source, node.Offset, node.Length, $"expected a number for an entry of {declaration}, found {node.Describe()}");
            if (!double.IsFinite(node.Number)) throw Error(source, node.Offset, node.Length, $"an entry of {declaration} is {node.Number}, not a finite number");
            into.Add(node.Number);
            return;
        }
        if (node.Kind != JsonValueKind.Array)
            throw Error(source, node.Offset, node.Length, $"{declaration} has shape [{string.Join(", ", shape)}]; expected an array of {shape[depth]} at depth {depth + 1}, found {node.Describe()}");
        if (node.Items.Count != shape[depth])
            throw Error(source, node.Offset, 1, $"{declaration} has shape [{string.Join(", ", shape)}]; expected {shape[depth]} entries at depth {depth + 1}, found {node.Items.Count}");
        foreach (var item in node.Items) Flatten(source, item, shape, depth + 1, declaration, into);
    }

    // Domain checks on the entries as given, before dependent entries are dropped.
    private static void DomainCheck(SourceText source, LocatedJson node, BlockRange range, double[] full)
    {
        var block = range.Block;
        var name = block.Name;
        for (var i = 0; i < full.Length; i++)
        {
            var at = Leaf(node, i, block.Shape.Select(d => d.Size).ToArray());
            var label = $"{name}[{string.Join(",", block.Indices[i])}]".Replace("[]", "", StringComparison.Ordinal);
            var v = full[i];
            if (ParameterSpace.EntryProblem(block.Domain, v) is { } problem) throw Error(source, at.Offset, at.Length, $"{label} = {Format(v)} {problem}");
        }
        if (block.Domain == ParameterDomain.Simplex)
        {
            var k = block.Shape[^1].Size;
            for (var g = 0; g < full.Length / k; g++)
            {
                var sum = full.Skip(g * k).Take(k).Sum();
                if (Math.Abs(sum - 1) > 1e-9)
                    throw Error(source, Group(node, g, block.Shape.Length - 1).Offset, 1, $"the weights of {name}{(full.Length == k ? "" : $"[{string.Join(",", block.Indices[g * k].Take(block.Shape.Length - 1))}]")} sum to {Format(sum)}, not 1");
            }
        }
        if (block.Domain == ParameterDomain.PositiveDefinite)
        {
            var d = block.Shape[^1].Size;
            for (var g = 0; g < full.Length / (d * d); g++)
            {
                var at = Group(node, g, block.Shape.Length - 2);
                for (var r = 0; r < d; r++)
                    for (var c = r + 1; c < d; c++)
                    {
                        var (a, b) = (full[g * d * d + r * d + c], full[g * d * d + c * d + r]);
                        if (Math.Abs(a - b) > 1e-12 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b))))
                            throw Error(source, at.Offset, 1, $"{name}{Lead(block, g * d * d)} is not symmetric: entry [{r + 1},{c + 1}] = {Format(a)} but [{c + 1},{r + 1}] = {Format(b)}");
                    }
                var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d, (r, c) => full[g * d * d + r * d + c]);
                var eigenvalues = matrix.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(e => e.Real).ToList();
                if (!eigenvalues.All(e => e > 1e-12 * eigenvalues.Max(Math.Abs)))
                    throw Error(source, at.Offset, 1, $"{name}{Lead(block, g * d * d)} is not positive definite");
            }
        }
    }

    private static string Lead(Models.ParameterBlock block, int flat)
    {
        var lead = block.Indices[flat].Take(block.Shape.Length - 2).ToList();
        return lead.Count == 0 ? "" : $"[{string.Join(",", lead)}]";
    }

    // The array node holding the g-th group at a depth (the whole value at depth 0).
    private static LocatedJson Group(LocatedJson node, int g, int depth)
    {
        if (depth == 0) return node;
        var items = new List<LocatedJson> { node };
        for (var i = 0; i < depth; i++) items = [.. items.SelectMany(n => n.Kind == JsonValueKind.Array ? n.Items : [n])];
        return g < items.Count ? items[g] : node;
    }

    private static LocatedJson Leaf(LocatedJson node, int flat, int[] shape)
    {
        for (var depth = 0; depth < shape.Length; depth++)
        {
            var stride = shape.Skip(depth + 1).Aggregate(1, (a, b) => a * b);
            node = node.Items[flat / stride];
            flat %= stride;
        }
        return node;
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static NumericException Error(SourceText source, int offset, int length, string message) =>
        new(Diagnostic.Format(source, new TextSpan(offset, Math.Max(1, length)), message));
}
