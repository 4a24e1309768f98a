using CriterionCheck.Kernel;

namespace CriterionCheck.Tests.Kernel.Tampering;

/// <summary>
/// One tampered certificate or witness, made by a mutation operator from a spec's genuine evidence. It is
/// wrong by construction; the kernel must reject it through the API and <c>verify</c> must reject its file.
/// </summary>
/// <param name="Spec">The spec it was made from (relative path).</param>
/// <param name="Family">The operator family, e.g. <c>perturb</c>, <c>latent-off-support</c>.</param>
/// <param name="Name">A readable name of this instance, unique within the spec, e.g. <c>perturb 1e-12 W[1,1]</c>.</param>
/// <param name="Certificate">The tampered certificate for the API, or null.</param>
/// <param name="Witness">The tampered witness for the API, or null (both null: the mutation exists only as a file).</param>
/// <param name="Expected">A fragment one of the kernel's problems must contain (what is wrong, in its words).</param>
/// <param name="FileJson">The file for <c>verify</c>; null means <see cref="CertificateJson"/>'s serialization of the API form.</param>
/// <param name="FileExit"><c>verify</c>'s exit code: 1 (rejected) or 2 (the file is bad input).</param>
/// <param name="FileExpected">A fragment <c>verify</c>'s output must contain; null means <paramref name="Expected"/>.</param>
public sealed record Mutant(string Spec, string Family, string Name, Certificate? Certificate, Witness? Witness, string Expected,
    string? FileJson = null, int FileExit = 1, string? FileExpected = null)
{
    /// <summary>The row name: spec file name and mutant name.</summary>
    public string Id => $"{System.IO.Path.GetFileNameWithoutExtension(Spec)}: {Name}";

    /// <inheritdoc/>
    public override string ToString() => Id;
}
