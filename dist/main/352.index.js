export const id = 352;
export const ids = [352];
export const modules = {

/***/ 48352:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   commitEpoch: () => (/* binding */ commitEpoch),
/* harmony export */   reproducibleInputs: () => (/* binding */ reproducibleInputs)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _inputs_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(91318);
/* harmony import */ var _plan_reproducible_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7043);
// `reproducible: true`: the commit's time, from the event when it carries one (no process), else
// from the checked-out repository; without either the step cannot promise the same image.



/** `git log -1 --format=%ct` in `dir`: the last commit's time, or undefined (no git, no repository, no commit). */
function gitCommitTime(dir, env) {
    return new Promise((resolve) => {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)('git', ['-C', dir, 'log', '-1', '--format=%ct'], { env, timeout: 10_000 }, (error, stdout) => {
            resolve(error ? undefined : (0,_plan_reproducible_js__WEBPACK_IMPORTED_MODULE_2__/* .epochFromGitLog */ .Av)(stdout));
        });
    });
}
/** The commit's time in epoch seconds; an InputError naming `reproducible` when there is none. */
async function commitEpoch(ctx, env) {
    const epoch = (0,_plan_reproducible_js__WEBPACK_IMPORTED_MODULE_2__/* .epochFromPayload */ .wB)(ctx.payload) ?? (await gitCommitTime(ctx.workspace, env));
    if (epoch !== undefined)
        return epoch;
    throw new _inputs_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('reproducible', 'true', `it needs the commit's time: the event carries no head_commit.timestamp and \`git log -1 --format=%ct\` found no commit in ${ctx.workspace} (check the repository out first, e.g. with actions/checkout)`);
}
/** The inputs with the commit's time applied (SOURCE_DATE_EPOCH, the created label), and the time. */
async function reproducibleInputs(inputs, ctx, env) {
    const epoch = await commitEpoch(ctx, env);
    return (0,_plan_reproducible_js__WEBPACK_IMPORTED_MODULE_2__/* .withCommitTime */ .jR)(inputs, epoch);
}


/***/ })

};
