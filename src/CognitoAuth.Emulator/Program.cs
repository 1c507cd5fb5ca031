// The emulator entry point; filled in by the local-stack issue.
return 0;
