/*
 * pause: the first process of a pod sandbox, which holds the pod's namespaces (what registry.k8s.io/pause does).
 * It sleeps until a signal comes; reaps every child that exits (orphans in the pod's PID namespace are reparented
 * to it, and would stay zombies otherwise); exits 0 on SIGTERM or SIGINT. Built with `gcc -static` by
 * images/build.js, so its image holds this one file.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static void stop(int signal) {
  (void)signal;
  _exit(0);
}

static void reap(int signal) {
  (void)signal;
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
}

int main(void) {
  struct sigaction on_stop = {.sa_handler = stop};
  struct sigaction on_child = {.sa_handler = reap, .sa_flags = SA_NOCLDSTOP | SA_RESTART};
  sigemptyset(&on_stop.sa_mask);
  sigemptyset(&on_child.sa_mask);
  if (sigaction(SIGTERM, &on_stop, NULL) != 0 || sigaction(SIGINT, &on_stop, NULL) != 0 ||
      sigaction(SIGCHLD, &on_child, NULL) != 0) {
    perror("pause: sigaction");
    return 1;
  }
  if (getpid() != 1) fputs("pause: not PID 1, so orphans are not reparented to it\n", stderr);
  for (;;) pause();
}
