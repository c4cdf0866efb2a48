/** The protocol between the bench and its server processes: 'ready' with the port, then requests by type. */
export function serve(port: number, handlers: Record<string, () => Promise<unknown>>): void {
  process.on('message', (message: { type: string }) => {
    const handler = handlers[message.type];
    if (!handler) return;
    void handler().then((body) => {
      if (message.type === 'stop') process.exit(0);
      process.send?.({ type: message.type, body });
    });
  });
  process.send?.({ type: 'ready', port });
}
