using System.Text.Json.Nodes;

namespace CriterionCheck.Tests.Templates;

/// <summary>
/// Edits of a template certificate in its JSON form (as <c>check --json</c> writes it). Each edit
/// fails the test when it would not change anything, so a tampering table cannot pass by editing a
/// key the certificate does not have.
/// </summary>
internal static class TemplateCertificateEdits
{
    /// <summary>Sets the coefficient of <paramref name="key"/> in <paramref name="factor"/>'s group (a new key is added).</summary>
    public static Action<JsonObject> Set(string factor, string key, string value) => c =>
    {
        var coefficients = TemplateCatalog.Coefficients(c, factor);
        if (coefficients[key]?.GetValue<string>() == value) throw new ArgumentException($"{key} is already {value}");
        coefficients[key] = value;
    };

    /// <summary>Removes the coefficient of <paramref name="key"/>.</summary>
    public static Action<JsonObject> Drop(string factor, string key) => c =>
    {
        if (!TemplateCatalog.Coefficients(c, factor).Remove(key)) throw new ArgumentException($"no coefficient for {key}");
    };

    /// <summary>Replaces the key <paramref name="key"/> by <paramref name="newKey"/> with coefficient <paramref name="value"/>.</summary>
    public static Action<JsonObject> Rekey(string factor, string key, string newKey, string value) => c =>
    {
        var coefficients = TemplateCatalog.Coefficients(c, factor);
        if (!coefficients.Remove(key)) throw new ArgumentException($"no coefficient for {key}");
        coefficients[newKey] = value;
    };

    /// <summary>Replaces θ of <paramref name="factor"/>'s group.</summary>
    public static Action<JsonObject> Theta(string factor, params string[] theta) => c =>
        TemplateCatalog.Group(c, factor)["theta"] = new JsonArray([.. theta.Select(t => (JsonNode)JsonValue.Create(t)!)]);

    /// <summary>Replaces the factors of <paramref name="factor"/>'s group.</summary>
    public static Action<JsonObject> Factors(string factor, params string[] factors) => c =>
        TemplateCatalog.Group(c, factor)["factors"] = new JsonArray([.. factors.Select(t => (JsonNode)JsonValue.Create(t)!)]);

    /// <summary>Removes the group that covers <paramref name="factor"/>.</summary>
    public static Action<JsonObject> DropGroup(string factor) => c =>
        c["groups"]!.AsArray().Remove(TemplateCatalog.Group(c, factor));

    /// <summary>Several edits, in order.</summary>
    public static Action<JsonObject> All(params Action<JsonObject>[] edits) => c =>
    {
        foreach (var e in edits) e(c);
    };
}
