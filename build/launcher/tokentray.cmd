@echo off
rem The `tokentray` CLI for packaged installs (resources\bin\tokentray.cmd): runs the CLI bundled in
rem app.asar with the app's own binary in Node mode, as VS Code ships code.cmd. Needs the RunAsNode fuse.
setlocal
set ELECTRON_RUN_AS_NODE=1
rem Editor configs written by this CLI (editors install) must point here, not at the app binary.
if not defined TOKENTRAY_LAUNCHER set "TOKENTRAY_LAUNCHER=%~f0"
"%~dp0..\..\tokentray.exe" "%~dp0..\app.asar\dist\cli\tokentray.js" %*
endlocal & exit /b %ERRORLEVEL%
