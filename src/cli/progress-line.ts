/** "checks 12/54" rewritten in place on a terminal's stderr, erased before the report is printed. */
export function progressLine(write: (text: string) => void) {
  let shown = false;
  return {
    update: (done: number, total: number) => {
      write(`\r\x1b[2Kchecks ${done}/${total}`);
      shown = true;
    },
    clear: () => {
      if (shown) write('\r\x1b[2K');
    },
  };
}
