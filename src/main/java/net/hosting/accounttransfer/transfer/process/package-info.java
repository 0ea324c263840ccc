/** The Camunda side of a transfer: the process's ids and variables, the workflow adapter and one delegate per service task. */
package net.hosting.accounttransfer.transfer.process;
