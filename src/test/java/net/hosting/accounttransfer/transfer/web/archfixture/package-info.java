/** A page that breaks a rule of ArchitectureTests, so the test can prove the rule reports it. */
package net.hosting.accounttransfer.transfer.web.archfixture;
