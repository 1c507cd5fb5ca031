// The local stack in one command: `dotnet run --project samples/CognitoAuth.AppHost`. The emulator runs inside the
// AppHost; the sample gets the client's configuration from it (CognitoAuth__*, and the local AWS credentials its admin
// flow signs with), waits until it is healthy, signs in as the seeded user and calls GET /hello.
var builder = DistributedApplication.CreateBuilder(args);

var cognito = builder.AddCognitoEmulator("cognito");

builder.AddProject<Projects.CognitoAuth_Sample>("sample")
    .WithReference(cognito)
    .WaitFor(cognito);

builder.Build().Run();
