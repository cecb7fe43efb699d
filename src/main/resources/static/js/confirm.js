/*
 * Asks before a destructive form is sent (删除, 立即运行, 停止, 重新运行, 撤销): a form carrying data-confirm="…" is
 * sent only when the person answers OK to that question. A file of its own, since the pages' Content-Security-Policy
 * runs no inline script. Plain ES5 for old office browsers.
 */
document.addEventListener('submit', function (event) {
  var form = event.target;
  var question = form && form.getAttribute ? form.getAttribute('data-confirm') : null;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
}, true);
