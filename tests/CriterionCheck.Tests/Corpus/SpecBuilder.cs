using System.Text;

namespace CriterionCheck.Tests.Corpus;

/// <summary>Collects the statements of a generated spec (sizes, parameters, functions, factors) and renders its text.</summary>
public sealed class SpecBuilder
{
    private readonly List<(string Name, int Size)> dims = [];
    private readonly List<string> parameters = [];
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly List<string> functions = [];
    private readonly List<string> factors = [];

    /// <summary>Declares the size <paramref name="name"/> = <paramref name="size"/> once (a repeat must agree).</summary>
    public void Dim(string name, int size)
    {
        var known = dims.FindIndex(d => d.Name == name);
        if (known < 0) dims.Add((name, size));
        else if (dims[known].Size != size) throw new InvalidOperationException($"size {name} declared as {dims[known].Size} and {size}");
    }

    /// <summary>
    /// Declares parameter <paramref name="name"/> with <paramref name="shape"/> (size names, empty for a
    /// scalar) and <paramref name="domain"/>; a second declaration of the same name is ignored, which is
    /// how tied parameters are shared.
    /// </summary>
    public void Param(string name, IReadOnlyList<string> shape, string domain)
    {
        if (!names.Add(name)) return;
        parameters.Add(shape.Count == 0 ? $"param {name} {domain}" : $"param {name}[{string.Join(", ", shape)}] {domain}");
    }

    /// <summary>Adds a <c>function …</c> statement.</summary>
    public void Function(string statement) => functions.Add(statement);

    /// <summary>Adds a <c>latent …</c> or <c>observe …</c> statement.</summary>
    public void Factor(string statement) => factors.Add(statement);

    /// <summary>The spec text, with <paramref name="header"/> as comment lines and the given claim.</summary>
    public string Render(string title, IEnumerable<string> header, bool expectSatisfied)
    {
        var text = new StringBuilder();
        foreach (var line in header) text.Append("# ").AppendLine(line);
        text.AppendLine($"model \"{title}\"");
        if (dims.Count > 0) text.AppendLine("dims " + string.Join(", ", dims.Select(d => $"{d.Name} = {d.Size}")));
        text.AppendLine();
        foreach (var p in parameters) text.AppendLine(p);
        if (functions.Count > 0) text.AppendLine();
        foreach (var f in functions) text.AppendLine(f);
        text.AppendLine();
        foreach (var f in factors) text.AppendLine(f);
        text.AppendLine();
        text.AppendLine(expectSatisfied ? "expect satisfied" : "expect violated");
        return text.ToString();
    }
}
