/**
 * Texts of the staff and technician screens, merged into the app's `translation` namespace
 * under `staff.` so these screens stay out of the journey's language files.
 */
import i18next from 'i18next';

const zhCN = {
  staff: {
    corner: '工作人员入口',
    signIn: {
      title: '工作人员登录',
      staffId: '工号',
      pin: '密码',
      next: '下一步',
      submit: '登录',
      clear: '清除',
      back: '退格',
      cancel: '取消',
      card: '或在读卡器上放置工作人员证件',
      denied: '工号或密码错误',
      locked: '错误次数过多，请 {{seconds}} 秒后再试',
      notStaffCard: '该证件不是工作人员证件',
      checking: '正在验证…',
    },
    panel: {
      title: '工作人员模式',
      signedInAs: '工号 {{staffId}}（{{role}}）',
      role: { staff: '工作人员', technician: '技术人员' },
      expires: '{{minutes}} 分钟后自动退出',
      signOut: '退出',
      close: '返回',
      tabs: {
        assist: '协助办理',
        outbox: '待发送',
        devices: '设备诊断',
        system: '系统',
        config: '配置',
        audit: '审计',
      },
    },
    assist: {
      session: '当前办理',
      noSession: '当前没有办理中的申请人',
      endSession: '结束申请人的办理',
      ended: '已结束并清除',
      kept: '打印失败待重打的回执',
      noKept: '没有待重打的回执',
      reprint: '重打',
      discard: '作废',
      printed: '已打印',
      extend: '延长申请人的办理时间',
      extended: '已延长，空闲计时重新开始',
    },
    calls: {
      title: '呼叫',
      none: '没有待处理的呼叫',
      call: '{{time}} 呼叫 · 页面：{{screen}} · {{who}}',
      identified: '申请人已识别身份',
      anonymous: '申请人未识别身份',
      acknowledge: '我去处理',
      acknowledged: '已应答，申请人屏幕显示工作人员正在赶来',
    },
    entry: {
      open: '代为录入身份信息（证件无法读取时）',
      idNumber: '身份证号',
      name: '姓名',
      reason: '原因',
      reasons: {
        'card-unreadable': '证件无法读取',
        'no-card': '未带证件',
        'reader-fault': '读卡器故障',
      },
      submit: '确认录入',
      done: '已录入，记录为工作人员代录',
    },
    outbox: {
      pending: '待发送：{{count}} 件',
      oldest: '最早一件已等待 {{minutes}} 分钟',
      lastError: '最近错误：{{message}}',
      none: '没有待发送的申请',
      retry: '立即重试',
      retryStarted: '已开始重试',
      unavailable: '待发送信息暂不可用',
    },
    devices: {
      reconnect: '重新连接',
      selfTest: '自检',
      testing: '自检中…（读卡、读码请在 {{seconds}} 秒内操作）',
      lastError: '最近错误',
      ok: '通过',
      failed: '失败',
    },
    system: {
      version: '版本',
      build: '构建',
      terminal: '终端号',
      api: '中心接口',
      heartbeat: '最近心跳',
      heartbeatNow: '立即发送心跳',
      never: '尚未发送',
      availability: '服务状态',
      auditHead: '审计链最新条目',
      inService: '正常服务',
      outOfService: '暂停服务',
      restart: '重启服务',
      restarting: '正在重启…',
      exportFolder: '导出到文件夹（U 盘挂载点）',
      export: '导出日志和审计记录',
      exported: '已导出：{{archive}}',
    },
    config: {
      pending: '已保存的更改在重启服务后生效',
      save: '保存',
      saved: '已保存',
      redactedNote: '密码散列等机密信息不显示',
    },
    audit: {
      verify: '校验审计链',
      intact: '审计链完整（{{entries}} 条）',
      broken: '审计链被篡改：{{count}} 处问题',
    },
    outOfService: {
      title: '本机暂停服务',
      body: '请到其他自助终端或人工窗口办理。',
    },
  },
};

const en = {
  staff: {
    corner: 'Staff entry',
    signIn: {
      title: 'Staff sign-in',
      staffId: 'Staff number',
      pin: 'PIN',
      next: 'Next',
      submit: 'Sign in',
      clear: 'Clear',
      back: 'Delete',
      cancel: 'Cancel',
      card: 'or place a staff card on the card reader',
      denied: 'Staff number or PIN is wrong',
      locked: 'Too many wrong PINs; try again in {{seconds}} s',
      notStaffCard: 'That card is not a staff card',
      checking: 'Checking…',
    },
    panel: {
      title: 'Staff mode',
      signedInAs: 'Staff {{staffId}} ({{role}})',
      role: { staff: 'staff', technician: 'technician' },
      expires: 'Signs out by itself in {{minutes}} min',
      signOut: 'Sign out',
      close: 'Back',
      tabs: {
        assist: 'Assist',
        outbox: 'Outbox',
        devices: 'Devices',
        system: 'System',
        config: 'Configuration',
        audit: 'Audit',
      },
    },
    assist: {
      session: 'Current session',
      noSession: 'No applicant is being served',
      endSession: "End the applicant's session",
      ended: 'Ended and wiped',
      kept: 'Receipts waiting for a reprint',
      noKept: 'No receipt is waiting for a reprint',
      reprint: 'Reprint',
      discard: 'Discard',
      printed: 'Printed',
      extend: "Extend the applicant's time",
      extended: 'Extended: the idle timer starts again',
    },
    calls: {
      title: 'Calls for help',
      none: 'No open call',
      call: 'Called at {{time}} · screen: {{screen}} · {{who}}',
      identified: 'applicant identified',
      anonymous: 'no applicant identified',
      acknowledge: "I'm on my way",
      acknowledged: "Acknowledged: the applicant's screen says a staff member is coming",
    },
    entry: {
      open: "Enter the applicant's identity (card cannot be read)",
      idNumber: 'ID number',
      name: 'Name',
      reason: 'Reason',
      reasons: {
        'card-unreadable': 'Card unreadable',
        'no-card': 'No card',
        'reader-fault': 'Reader fault',
      },
      submit: 'Confirm',
      done: 'Entered; recorded as entered by staff',
    },
    outbox: {
      pending: 'Pending: {{count}}',
      oldest: 'Oldest waiting {{minutes}} min',
      lastError: 'Last error: {{message}}',
      none: 'Nothing waiting to be sent',
      retry: 'Retry now',
      retryStarted: 'Retry started',
      unavailable: 'Outbox details are not available',
    },
    devices: {
      reconnect: 'Reconnect',
      selfTest: 'Self-test',
      testing: 'Testing… (place a card or scan a code within {{seconds}} s)',
      lastError: 'Last error',
      ok: 'passed',
      failed: 'failed',
    },
    system: {
      version: 'Version',
      build: 'Build',
      terminal: 'Terminal',
      api: 'Central API',
      heartbeat: 'Last heartbeat',
      heartbeatNow: 'Send heartbeat now',
      never: 'not sent yet',
      availability: 'Service',
      auditHead: 'Audit chain head',
      inService: 'in service',
      outOfService: 'out of service',
      restart: 'Restart service',
      restarting: 'Restarting…',
      exportFolder: 'Export to folder (USB drive mount point)',
      export: 'Export logs and audit trail',
      exported: 'Exported: {{archive}}',
    },
    config: {
      pending: 'Saved changes take effect after a service restart',
      save: 'Save',
      saved: 'Saved',
      redactedNote: 'Secrets such as PIN hashes are not shown',
    },
    audit: {
      verify: 'Verify the audit chain',
      intact: 'Audit chain intact ({{entries}} entries)',
      broken: 'Audit chain tampered with: {{count}} problem(s)',
    },
    outOfService: {
      title: 'This kiosk is out of service',
      body: 'Please use another kiosk or a staffed counter.',
    },
  },
};

/**
 * Adds the texts (deep merge, existing keys kept). Before i18next is initialised it has no
 * store to add to, so the texts are added when it reports `initialized`.
 */
export function registerStaffStrings(): void {
  const add = (): void => {
    i18next.addResourceBundle('zh-CN', 'translation', zhCN, true, false);
    i18next.addResourceBundle('en', 'translation', en, true, false);
  };
  if (i18next.isInitialized) add();
  else i18next.on('initialized', add);
}
