namespace Warehouse.Analysis.Estimation;

/// <summary>A preconditioner M⁻¹ for the Schur complement CG of <see cref="SchurDemeaner"/>.</summary>
internal interface ISchurPreconditioner
{
    /// <summary>z = M⁻¹ r for every column of the interleaved [level·k + j] layout.</summary>
    void Apply(double[] r, double[] z, int k);
}
