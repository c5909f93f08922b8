// Package v06 pins baton-sdk v0.6.0 so that test/baton-files.test.ts can build
// ../fixtureconnector against it (it copies that program here at build time) and read
// the c1z v1 file an older baton-sdk writes.
package v060
