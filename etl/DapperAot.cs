// Every Dapper call of this assembly is generated at compile time (see the csproj): the native CLI cannot emit IL.
[module: Dapper.DapperAot]
