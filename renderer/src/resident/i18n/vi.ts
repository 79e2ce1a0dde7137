// Tiếng Việt (Vietnamese).
import type { Messages } from './messages';

export const vi: Messages = {
  languageName: 'Tiếng Việt',
  languageChoice: 'Chọn ngôn ngữ',
  waiting: {
    title: 'Vui lòng chờ nhân viên hướng dẫn',
    body: 'Bạn sẽ đặt mã PIN trên màn hình này',
  },
  secret: {
    signing: 'Mật khẩu của chứng thư điện tử dùng để ký',
    auth: 'Mã PIN của chứng thư điện tử xác minh người dùng',
    juki: 'Mã PIN dùng cho Sổ đăng ký cư dân cơ bản',
    text: 'Mã PIN hỗ trợ nhập thông tin mặt thẻ',
    shared: 'Một mã PIN chung cho cả ba',
  },
  purpose: {
    signing: 'Dùng để gửi giấy tờ qua mạng, ví dụ khai thuế e-Tax',
    auth: 'Dùng để đăng nhập Mynaportal và lấy giấy chứng nhận tại cửa hàng tiện lợi',
    juki: 'Dùng cho các thủ tục như đổi địa chỉ',
    text: 'Dùng khi đọc họ tên và địa chỉ từ thẻ',
    shared: 'Cùng một số cho mã PIN xác minh người dùng, Sổ đăng ký cư dân và mặt thẻ',
  },
  rule: {
    pin: '4 chữ số',
    password: 'Từ 6 đến 16 ký tự, gồm cả chữ in hoa (A–Z) và chữ số (0–9)',
  },
  entry: {
    first: 'Vui lòng nhập',
    confirm: 'Vui lòng nhập lại một lần nữa để xác nhận',
    again: 'Vui lòng nhập lại từ đầu',
    resume: 'Xin lỗi quý khách: vui lòng nhập lại mã PIN một lần nữa',
    checking: 'Đang kiểm tra…',
    typed: (count) => `Đã nhập ${count} ký tự`,
  },
  keys: {
    ok: 'Xác nhận',
    erase: 'Xóa một ký tự',
    clear: 'Xóa hết',
    pad: 'Bàn phím số',
  },
  same: {
    title: 'Dùng cùng một số cho ba mã PIN?',
    body: 'Mã PIN xác minh người dùng, Sổ đăng ký cư dân và mặt thẻ',
    yes: 'Dùng cùng một số cho cả ba',
    no: 'Dùng các số khác nhau',
  },
  review: {
    title: 'Đã nhập xong',
    body: 'Các mã này sẽ được đặt vào thẻ của bạn. Bạn đồng ý chứ?',
    shared: 'Cả ba giống nhau',
    submit: 'Đặt mã',
    restart: 'Làm lại từ đầu',
  },
  processing: 'Đang xử lý. Vui lòng không rút thẻ ra.',
  progress: {
    label: 'Tiến trình',
    stages: {
      pins: 'Đang đặt mã PIN',
      keys: 'Đang tạo khóa',
      certificates: 'Đang cấp chứng thư điện tử',
      write: 'Đang ghi chứng thư vào thẻ',
      'read-back': 'Đang đọc lại từ thẻ',
      'test-sign': 'Đang kiểm tra bằng chữ ký thử',
    },
  },
  callStaff: {
    button: 'Gọi nhân viên',
    called: 'Đã gọi nhân viên. Vui lòng chờ một chút.',
    failed: 'Không gọi được. Vui lòng nói với nhân viên tại quầy.',
  },
  done: {
    title: 'Xin cảm ơn',
    body: 'Vui lòng báo cho nhân viên biết bạn đã xong',
  },
  failed: {
    title: 'Không đặt được mã PIN',
    body: 'Vui lòng gọi nhân viên',
  },
  violation: {
    'pin-format': 'Mã PIN gồm 4 chữ số',
    'pin-same-digits': 'Không dùng được bốn chữ số giống nhau (như 1111)',
    'pin-sequence': 'Không dùng được các số liên tiếp như 1234 hoặc 9876',
    'pin-birth-date':
      'Không dùng được số lấy từ ngày sinh của bạn (tháng và ngày, năm và tháng, hoặc năm)',
    'password-format': 'Mật khẩu gồm 6 đến 16 ký tự là chữ in hoa (A–Z) và chữ số (0–9)',
    'password-letter-digit': 'Vui lòng dùng cả chữ và số',
    'pin-confirmation-differs': 'Hai lần nhập không giống nhau',
  },
  error: {
    callClerk: 'Hiện không thể tiếp nhận. Vui lòng gọi nhân viên',
  },
  later: {
    title: {
      release: 'Hủy tạm ngừng thẻ',
      'pin-reset': 'Đặt lại mã PIN',
      renewal: 'Gia hạn chứng thư điện tử',
    },
    why: {
      release:
        'Thẻ của bạn sẽ dùng lại được, với chứng thư điện tử mới. Để làm việc này, vui lòng nhập mã PIN',
      'pin-reset': 'Để đặt lại mã PIN, vui lòng nhập mã',
      renewal: 'Để gia hạn chứng thư điện tử, vui lòng nhập mã PIN',
    },
    listTitle: 'Bạn sẽ nhập theo thứ tự sau:',
    start: 'Bắt đầu',
    plan: {
      current: 'Mã đang dùng (giữ nguyên)',
      change: 'Mã đang dùng, rồi mã mới',
      new: 'Mã mới do bạn chọn',
    },
    outcome: {
      current: 'giữ nguyên',
      change: 'sẽ được đổi sang mã mới',
      new: 'sẽ được đặt mới',
    },
    current: {
      pin: 'Vui lòng nhập mã PIN đang dùng',
      password: 'Vui lòng nhập mật khẩu đang dùng',
    },
    newFirst: {
      pin: 'Vui lòng nhập mã PIN mới',
      password: 'Vui lòng nhập mật khẩu mới',
    },
    newConfirm: {
      pin: 'Vui lòng nhập lại mã PIN mới để xác nhận',
      password: 'Vui lòng nhập lại mật khẩu mới để xác nhận',
    },
    steps: { current: 'Mã đang dùng', first: 'Mã mới', confirm: 'Xác nhận' },
    triesLeft: (count) => `Nếu nhập sai thêm ${count} lần nữa, mã sẽ bị khóa và không dùng được`,
    lastTry: 'Nếu nhập sai thêm một lần nữa, mã sẽ bị khóa và không dùng được',
    unsure: 'Nếu không chắc, đừng nhập: vui lòng gọi nhân viên',
    reviewBody: 'Thủ tục sẽ tiếp tục với các mã này. Bạn đồng ý chứ?',
    submit: 'Xác nhận',
    wrong: {
      pin: 'Mã PIN đang dùng không đúng',
      password: 'Mật khẩu đang dùng không đúng',
    },
    locked: {
      pin: 'Mã PIN này đã bị khóa và không dùng được',
      password: 'Mật khẩu này đã bị khóa và không dùng được',
    },
    lockedHelp: 'Bạn có thể đặt mã mới thay thế',
    askClerk: 'Vui lòng gọi nhân viên',
    again: 'Nhập lại',
    continue: 'Tiếp tục',
  },
  cardFace: {
    title: 'Vui lòng kiểm tra thông tin trên thẻ',
    body: 'Đây là thông tin được ghi trong thẻ của bạn. Vui lòng kiểm tra cùng nhân viên.',
    name: 'Họ tên',
    address: 'Địa chỉ',
    birthDate: 'Ngày sinh',
    sex: 'Giới tính',
    sexes: {
      male: 'nam',
      female: 'nữ',
      'not-applicable': 'không áp dụng',
      unknown: 'không rõ',
    },
    yes: 'Vâng, thông tin đúng',
    no: 'Không, có chỗ sai',
    thanks: { title: 'Cảm ơn bạn đã kiểm tra', body: 'Vui lòng chờ nhân viên hướng dẫn' },
    wrong: {
      title: 'Nhân viên sẽ giải thích',
      body: 'Vui lòng chờ tại đây và cho nhân viên biết chỗ sai',
    },
  },
};
