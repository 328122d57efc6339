using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Sanlock.UnitTests")]
