/** What a run reports as it goes; the terminal shows it, unattended runs ignore it. */
export interface Progress {
  leaversFound(total: number): void;
  leaverScanned(): void;
  forwardsPlanned(total: number): void;
  forwarded(): void;
  done(): void;
}

export const silentProgress: Progress = {
  leaversFound() {},
  leaverScanned() {},
  forwardsPlanned() {},
  forwarded() {},
  done() {},
};

/** One line on standard error, redrawn at most a few times a second. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  let leavers = 0;
  let scanned = 0;
  let planned = 0;
  let forwarded = 0;
  let last = 0;
  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - last < 200) return;
    last = now;
    const copies = planned > 0 ? `, forwarded ${forwarded} of ${planned}` : '';
    stream.write(`\r\x1b[2Kleavers scanned ${scanned} of ${leavers}${copies}`);
  };
  return {
    leaversFound(total) {
      leavers = total;
      draw(true);
    },
    leaverScanned() {
      scanned++;
      draw();
    },
    forwardsPlanned(total) {
      planned = total;
      draw(true);
    },
    forwarded() {
      forwarded++;
      draw();
    },
    done() {
      draw(true);
      stream.write('\n');
    },
  };
}
